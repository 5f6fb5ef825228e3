using Ferry.Frame.Format;
using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Versioning;

/// <summary>
/// Rewrites the live rows of small or deletion-heavy fragments into fewer, larger ones (format.md, section 8). Retried
/// only while every input fragment is unchanged in the latest version; otherwise its work is stale and it conflicts.
/// </summary>
internal sealed class CompactOperation(FrameCompactionOptions options) : CommitOperation
{
    private readonly List<FragmentEntry> _inputs = [];
    private readonly List<PreparedFragment> _outputs = [];

    public override string Type => OperationTypes.Compact;

    public override ValueTask PrepareAsync(CommitContext context, Manifest readVersion, CancellationToken cancellationToken)
    {
        foreach (var fragment in readVersion.Fragments)
        {
            var deletedFraction = fragment.Rows == 0 ? 0 : (double)(fragment.Rows - fragment.LiveRows) / fragment.Rows;
            if (fragment.LiveRows < options.TargetRowsPerFragment || deletedFraction > options.MaxDeletedFraction)
            {
                _inputs.Add(fragment);
            }
        }

        // One small fragment without deletions is already as compact as it gets.
        if (_inputs.Count == 0 || (_inputs.Count == 1 && _inputs[0].Deletion is null))
        {
            throw new NothingToCompactException();
        }

        var pending = new List<Record>();
        foreach (var fragment in _inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deletions = context.Store.LoadDeletions(fragment);
            using var lease = context.Store.Open(fragment);
            var columns = lease.Reader.Columns;
            for (var row = 0; row < columns.Length; row++)
            {
                if (deletions.IsDeleted(row))
                {
                    continue;
                }

                pending.Add(columns.ReadRecord(row, RecordProjection.All));
                if (pending.Count == options.TargetRowsPerFragment)
                {
                    Flush(context, readVersion, pending, cancellationToken);
                }
            }
        }

        Flush(context, readVersion, pending, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        var position = -1;
        foreach (var input in _inputs)
        {
            var index = next.Fragments.FindIndex(f => f.Id == input.Id);
            if (index < 0 || next.Fragments[index] != input)
            {
                throw new FrameCommitConflictException(
                    $"Compaction of '{context.Dataset.Path}' is stale: fragment {input.Id} was changed by version {baseVersion.Version}. Run the compaction again.",
                    next.Version);
            }

            position = position < 0 ? index : Math.Min(position, index);
        }

        next.Fragments.RemoveAll(f => _inputs.Exists(i => i.Id == f.Id));
        var tail = next.Fragments.GetRange(position, next.Fragments.Count - position);
        next.Fragments.RemoveRange(position, next.Fragments.Count - position);
        var rows = next.Rows;
        var schema = next.Schema.Clone();
        CommitSteps.AddFragments(context, next, _outputs);
        next.Fragments.AddRange(tail);

        // The same records, only moved: the row count and the schema stay as they were.
        next.Rows = rows;
        next.Schema = schema;
        context.RowsDeleted = 0;
        context.RowsAdded = 0;
    }

    private void Flush(CommitContext context, Manifest readVersion, List<Record> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        _outputs.AddRange(CommitSteps.WriteRecords(context, [.. pending], readVersion.Schema, cancellationToken));
        pending.Clear();
    }
}
