using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Versioning;

/// <summary>Adds new records; an id that exists (or repeats in the batch) fails the whole append.</summary>
internal sealed class AppendOperation(IReadOnlyList<Record> records) : CommitOperation
{
    private List<PreparedFragment> _fragments = [];

    public override string Type => OperationTypes.Append;

    public override ValueTask PrepareAsync(CommitContext context, Manifest readVersion, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(records.Count, StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            if (!seen.Add(record.Id))
            {
                duplicates.Add(record.Id);
            }
        }

        if (duplicates.Count > 0)
        {
            throw new FrameDuplicateIdException(duplicates);
        }

        // Fail before writing anything when the ids already exist; Apply checks again against the version it commits on.
        lock (context.Dataset.IndexLock)
        {
            CheckNew(context, readVersion);
        }

        _fragments = CommitSteps.WriteRecords(context, records, readVersion.Schema, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        CheckNew(context, baseVersion);
        CommitSteps.AddFragments(context, next, _fragments);
    }

    private void CheckNew(CommitContext context, Manifest version)
    {
        var index = context.IndexAt(version);
        List<string>? existing = null;
        foreach (var record in records)
        {
            if (index.TryGet(record.Id, out _))
            {
                (existing ??= []).Add(record.Id);
            }
        }

        if (existing is not null)
        {
            throw new FrameDuplicateIdException(existing);
        }
    }
}
