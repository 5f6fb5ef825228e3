using Ferry.Frame.Manifests;

namespace Ferry.Frame.Versioning;

/// <summary>A new version whose content is exactly version N's (format.md, section 7). No data is copied.</summary>
internal sealed class RollbackOperation(Manifest target) : CommitOperation
{
    public override string Type => OperationTypes.Rollback;

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        next.Fragments = [.. target.Fragments];
        next.Indices = [.. target.Indices];
        next.Schema = target.Schema.Clone();
        next.Rows = target.Rows;

        // Fragment ids are never reused, so the counter only grows.
        next.NextFragmentId = Math.Max(baseVersion.NextFragmentId, target.NextFragmentId);
        context.RollbackTo = target.Version;
        context.RowsAdded = Math.Max(0, target.Rows - baseVersion.Rows);
        context.RowsDeleted = Math.Max(0, baseVersion.Rows - target.Rows);
    }
}
