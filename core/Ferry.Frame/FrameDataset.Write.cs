using Ferry.Frame.Versioning;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame;

public sealed partial class FrameDataset
{
    /// <summary>
    /// Adds new records as a new version. Every id must be new: an id that exists in the dataset or repeats in the
    /// batch fails the append with <see cref="FrameDuplicateIdException"/> and nothing is committed. Retried
    /// automatically on top of other writers' versions (the ids are checked again each time).
    /// </summary>
    /// <exception cref="FrameRecordException">A record cannot be stored (e.g. a vector of the wrong dimension).</exception>
    public ValueTask<FrameCommit> AppendAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return CommitAsync(new AppendOperation(records), cancellationToken);
    }

    /// <summary>
    /// Inserts or replaces records by id as one new version: the old rows of the ids are marked deleted and the new
    /// ones added. Within the batch the last record of an id wins. Idempotent: upserting the same batch twice leaves
    /// the same records as upserting it once. Retried automatically when another writer commits first (the ids are
    /// looked up again in the newer version, so no id ever has two live rows).
    /// </summary>
    public ValueTask<FrameCommit> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return CommitAsync(new UpsertOperation(records), cancellationToken);
    }

    /// <summary>
    /// Writes records a writer encoded batch by batch (<see cref="Format.FragmentEncoder.Encode"/>, ids unique across
    /// all parts) as fragment files that no version names yet; consecutive parts of one schema become one fragment.
    /// Until <see cref="CommitStagedUpsertAsync"/> the files are invisible to readers; files never committed are
    /// removed by <see cref="DiscardStaged"/>, or by cleanup after a crash (format.md, section 8).
    /// </summary>
    internal IReadOnlyList<PreparedFragment> StageEncoded(IReadOnlyList<Format.EncodedFragment> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ThrowIfDisposed();
        var written = new List<string>();
        try
        {
            return CommitSteps.WriteEncoded(_store, _options, parts, written.Add, cancellationToken);
        }
        catch
        {
            foreach (var path in written)
            {
                _store.DeleteQuietly(path);
            }

            throw;
        }
    }

    /// <summary>Commits staged fragments as one upsert version; no id may repeat across them. On failure they stay staged and may be committed again.</summary>
    internal ValueTask<FrameCommit> CommitStagedUpsertAsync(IReadOnlyList<PreparedFragment> staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        return CommitAsync(new UpsertOperation(staged), cancellationToken);
    }

    /// <summary>Removes the files of staged fragments that will not be committed.</summary>
    internal void DiscardStaged(IEnumerable<PreparedFragment> staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        foreach (var fragment in staged)
        {
            _store.DeleteQuietly(fragment.Entry.Path);
        }
    }

    /// <summary>Deletes the records with these ids (ids not present are ignored) as a new version.</summary>
    public ValueTask<FrameCommit> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return CommitAsync(new DeleteIdsOperation(ids), cancellationToken);
    }

    /// <summary>Deletes the records matching the filter as a new version.</summary>
    public ValueTask<FrameCommit> DeleteAsync(FilterExpression filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return CommitAsync(new DeleteFilterOperation(FilterEvaluator.Compile(filter)), cancellationToken);
    }

    /// <summary>Deletes the records matching a filter written in Ferry's filter language (e.g. <c>year &lt; 2020 AND category = 'news'</c>).</summary>
    public ValueTask<FrameCommit> DeleteWhereAsync(string filter, CancellationToken cancellationToken = default) =>
        DeleteAsync(FilterParser.Parse(filter), cancellationToken);

    /// <summary>
    /// Replaces the whole content with <paramref name="records"/> as a new version (older versions stay readable until
    /// cleanup). With <paramref name="schema"/> the vector declarations are replaced too.
    /// </summary>
    public ValueTask<FrameCommit> OverwriteAsync(IReadOnlyList<Record> records, DatasetSchema? schema = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return CommitAsync(new OverwriteOperation(records, schema), cancellationToken);
    }

    /// <summary>Commits a new version whose content is exactly version <paramref name="version"/>'s (nothing is copied; later versions stay readable).</summary>
    /// <exception cref="FrameVersionNotFoundException">The version does not exist or was cleaned up.</exception>
    public async ValueTask<FrameCommit> RollbackAsync(long version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var target = await _manifests.ReadAsync(version, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(new RollbackOperation(target), cancellationToken).ConfigureAwait(false);
    }
}
