using Ferry.Frame.Manifests;
using Ferry.Frame.Versioning;

namespace Ferry.Frame;

public sealed partial class FrameDataset
{
    private const int MaxBackoffMilliseconds = 50;

    /// <summary>
    /// Runs the commit protocol (format.md, section 5) with optimistic retries (section 6): prepare once, then apply on
    /// top of the latest version and publish with create-if-not-exists, rebasing when another writer won the race.
    /// </summary>
    internal async ValueTask<FrameCommit> CommitAsync(CommitOperation operation, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"This handle reads version {Version} of '{Path}' and cannot write. Open the dataset without a version to write, or use RollbackAsync.");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var context = new CommitContext(this);
        var published = false;
        try
        {
            var readVersion = await ReadLatestAsync(_manifests, cancellationToken).ConfigureAwait(false);
            _manifests.EnsureWritable(readVersion);
            await operation.PrepareAsync(context, readVersion, cancellationToken).ConfigureAwait(false);

            var baseVersion = readVersion;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _manifests.EnsureWritable(baseVersion);
                context.StartAttempt();
                var next = baseVersion.CloneForNext();
                lock (_indexLock)
                {
                    operation.Apply(context, baseVersion, next);
                }

                next.Timestamp = _options.TimeProvider.GetUtcNow();
                next.Operation = new OperationEntry
                {
                    Type = operation.Type,
                    ReadVersion = readVersion.Version,
                    RowsAdded = context.RowsAdded,
                    RowsDeleted = context.RowsDeleted,
                    RollbackTo = context.RollbackTo,
                };

                if (await _manifests.TryPublishAsync(next, _options.BeforePublish, cancellationToken).ConfigureAwait(false))
                {
                    published = true;
                    _manifest = next;
                    lock (_indexLock)
                    {
                        // Keep the index in step with our own commit without reading back what we just wrote.
                        if (_index.Version == baseVersion.Version)
                        {
                            _index.AdvanceTo(next, _store, context.NewFragmentIds);
                        }
                    }

                    return new FrameCommit(next.Version, operation.Type, context.RowsAdded, context.RowsDeleted, attempt);
                }

                context.DiscardAttempt();
                if (attempt >= _options.MaxCommitAttempts)
                {
                    throw new FrameCommitConflictException(
                        $"Could not commit {operation.Type} to '{Path}': other writers published {attempt} newer versions first (last tried {next.Version}).",
                        next.Version);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(MaxBackoffMilliseconds, 2 * attempt) + 1)), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                baseVersion = await ReadLatestAsync(_manifests, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!published)
            {
                context.DiscardAll();
            }

            _writeLock.Release();
        }
    }
}
