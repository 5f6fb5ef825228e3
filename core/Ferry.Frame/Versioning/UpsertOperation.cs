using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Versioning;

/// <summary>
/// Inserts or replaces records by id in one version: the new rows go to new fragments and the old rows of the same ids
/// are marked deleted. Within a batch the last record of an id wins. On a conflict the ids are looked up again.
/// </summary>
internal sealed class UpsertOperation : CommitOperation
{
    private readonly IReadOnlyList<Record> _records;
    private readonly bool _staged;
    private List<PreparedFragment> _fragments = [];

    public UpsertOperation(IReadOnlyList<Record> records)
    {
        _records = LastPerId(records);
    }

    /// <summary>Commits fragments written ahead of the commit (no id may repeat across them); the commit writes no data file itself.</summary>
    public UpsertOperation(IReadOnlyList<PreparedFragment> staged)
    {
        _records = [];
        _fragments = [.. staged];
        _staged = true;
    }

    public override string Type => OperationTypes.Upsert;

    public override ValueTask PrepareAsync(CommitContext context, Manifest readVersion, CancellationToken cancellationToken)
    {
        if (_staged)
        {
            return ValueTask.CompletedTask;
        }

        _fragments = CommitSteps.WriteRecords(context, _records, readVersion.Schema, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        var replaced = CommitSteps.LocateIds(context, baseVersion, _fragments.SelectMany(static f => f.Ids));
        CommitSteps.DeleteRows(context, next, replaced);
        CommitSteps.AddFragments(context, next, _fragments);
    }

    internal static IReadOnlyList<Record> LastPerId(IReadOnlyList<Record> records)
    {
        var last = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(records[i], nameof(records));
            last[records[i].Id] = i;
        }

        if (last.Count == records.Count)
        {
            return records;
        }

        var kept = new List<Record>(last.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (last[records[i].Id] == i)
            {
                kept.Add(records[i]);
            }
        }

        return kept;
    }
}
