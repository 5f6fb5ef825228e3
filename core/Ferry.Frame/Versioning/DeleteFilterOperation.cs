using Ferry.Frame.Manifests;
using Ferry.Frame.Search;
using Ferry.Sdk.Filtering;

namespace Ferry.Frame.Versioning;

/// <summary>Deletes the live rows matching a filter; the filter is evaluated again on every attempt's base version.</summary>
internal sealed class DeleteFilterOperation(CompiledFilter filter) : CommitOperation
{
    public override string Type => OperationTypes.Delete;

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        var matches = RowScanner.SelectAll(context.Dataset, baseVersion, filter, vectorName: null);
        var rows = new Dictionary<long, List<int>>();
        for (var i = 0; i < baseVersion.Fragments.Count; i++)
        {
            var list = RowScanner.Rows(matches[i]);
            if (list.Count > 0)
            {
                rows[baseVersion.Fragments[i].Id] = list;
            }
        }

        CommitSteps.DeleteRows(context, next, rows);
    }
}
