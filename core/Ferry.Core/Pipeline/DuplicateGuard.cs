using Ferry.Core.Jobs;
using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Finds the records of a batch whose ids existed in the target before this migration (the skip and fail duplicate
/// policies): asks the sink which ids exist (<see cref="SinkConnector.FindExistingAsync"/>, in calls of at most the
/// sink's batch size), leaves out the ids the migration wrote itself (<see cref="WrittenIdJournal"/>), and journals
/// the ids about to be written before they are written.
/// </summary>
internal sealed class DuplicateGuard
{
    private readonly DuplicatePolicy _policy;
    private readonly SinkConnector _sink;
    private readonly ResilientCalls _calls;
    private readonly int _maxIds;
    private readonly WrittenIdJournal _journal;

    public DuplicateGuard(DuplicatePolicy policy, SinkConnector sink, ResilientCalls calls, int maxIds, WrittenIdJournal journal)
    {
        _policy = policy;
        _sink = sink;
        _calls = calls;
        _maxIds = Math.Max(1, maxIds);
        _journal = journal;
    }

    /// <summary>
    /// The ids of the batch that were in the target before the migration. Unless the policy is fail and there are
    /// some, the batch's other ids are journaled (durably) before this returns, so they may be written.
    /// </summary>
    public async ValueTask<HashSet<string>> CheckAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        var candidates = new List<string>(records.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (seen.Add(record.Id) && !_journal.Contains(record.Id))
            {
                candidates.Add(record.Id);
            }
        }

        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < candidates.Count; start += _maxIds)
        {
            var chunk = candidates.GetRange(start, Math.Min(_maxIds, candidates.Count - start));
            var existing = await _calls.ExecuteAsync(ExternalCall.ReadBack, ct => _sink.FindExistingAsync(chunk, ct), cancellationToken).ConfigureAwait(false);
            foreach (var id in chunk)
            {
                // Checked again after the lookup: another writer of this migration may have journaled and written it meanwhile.
                if (existing.Contains(id) && !_journal.Contains(id))
                {
                    duplicates.Add(id);
                }
            }
        }

        if (duplicates.Count == 0 || _policy != DuplicatePolicy.Fail)
        {
            var written = new List<string>(candidates.Count);
            foreach (var id in candidates)
            {
                if (!duplicates.Contains(id))
                {
                    written.Add(id);
                }
            }

            _journal.Add(written);
        }

        return duplicates;
    }
}
