using Ferry.Core.Checkpoints;
using Ferry.Core.DeadLetter;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Core.Resilience;
using Ferry.Core.Validation;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Microsoft.Extensions.Logging;

namespace Ferry.Core.Pipeline;

/// <summary>
/// One run of a migration with checkpoints: resume or start, move every partition, flush the target and write
/// a checkpoint every so many records or seconds, finish, and (when asked) validate.
/// </summary>
internal sealed class CheckpointedMigration
{
    private const int KeptErrors = 10;

    private readonly MigrationEngine _engine;
    private readonly MigrationSession _session;
    private readonly MigrationJob _job;
    private readonly StatePaths _paths;
    private readonly string _fingerprint;
    private readonly MigrationProgress _progress;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<string> _firstErrors = [];
    private readonly List<DeadLetterEntry> _heldFailures = [];
    private readonly Lock _gate = new();
    private readonly CheckpointTotals _run = new();
    private Checkpoint _checkpoint = null!;
    private CheckpointTotals _baseline = new();
    private List<PartitionState> _partitions = [];
    private DeadLetterWriter _deadLetters = null!;
    private ChecksumLog? _checksums;
    private RunningFullValidation? _running;
    private SampleReservoir? _sample;
    private SinkWriter _writer = null!;
    private FlushGate _flushGate = null!;
    private PipelineRunner _runner = null!;
    private WrittenIdJournal? _journal;
    private DuplicateGuard? _duplicates;
    private volatile bool _duplicateStop;
    private long _sinceCheckpoint;
    private long _lastCheckpoint;
    private long _failuresThisRun;

    public CheckpointedMigration(MigrationEngine engine, MigrationSession session, MigrationJob job, StatePaths paths, string fingerprint, MigrationProgress progress)
    {
        _engine = engine;
        _session = session;
        _job = job;
        _paths = paths;
        _fingerprint = fingerprint;
        _progress = progress;
        _time = engine.Environment.TimeProvider;
        _logger = engine.Environment.Logger;
    }

    private SinkConnector Sink => _session.Sink!;

    private ResilientCalls SinkCalls => _session.SinkCalls!;

    private bool SkipMode => _job.Errors == ErrorMode.Skip;

    public async Task<MigrationResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _journal?.Dispose();
        }
    }

    private async Task<MigrationResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _progress.SetPhase(MigrationPhase.Preparing);
        if (_job.Validation == ValidationLevel.Search && (!_session.Source.CanSearch || !Sink.CanSearch))
        {
            throw new ValidationNotPossibleException($"Search validation needs both sides to support vector search; the {(_session.Source.CanSearch ? "target" : "source")} cannot. Use --validate full or sample.");
        }

        Checkpoint? existing = null;
        if (_job.Restart)
        {
            CheckpointStore.Delete(_paths.Checkpoint);
        }
        else
        {
            existing = CheckpointStore.Load(_paths.Checkpoint);
            if (existing is not null && !string.Equals(existing.Fingerprint, _fingerprint, StringComparison.Ordinal))
            {
                throw new CheckpointException($"Checkpoint '{_paths.Checkpoint}' belongs to another migration ({existing.Source} → {existing.Target}). Use another --checkpoint, or --restart to overwrite it.");
            }

            if (existing is { Completed: false, WrittenIdsComplete: false } && _job.OnDuplicate != DuplicatePolicy.Overwrite)
            {
                throw new CheckpointException(
                    $"Checkpoint '{_paths.Checkpoint}' comes from a run with --on-duplicate overwrite, which does not record the ids it writes: a run with --on-duplicate {_job.OnDuplicate.ToString().ToLowerInvariant()} could not tell them from records that were in the target before. Resume with --on-duplicate overwrite, or use --restart.");
            }
        }

        var schema = await _session.DescribeAsync(cancellationToken).ConfigureAwait(false);
        if (existing is { Completed: true })
        {
            return await AlreadyCompletedAsync(existing, started, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<SourcePartition> partitions = existing is null
            ? await _session.SourceCalls.ExecuteAsync(ExternalCall.Partition, ct => _session.Source.GetPartitionsAsync(_job.Parallel, ct), cancellationToken).ConfigureAwait(false)
            : existing.Partitions.Select(p => new SourcePartition(p.Id, p.Descriptor)).ToArray();
        if (partitions.Count == 0 || partitions.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != partitions.Count)
        {
            throw new ConnectorException($"The source returned {partitions.Count} partitions{(partitions.Count == 0 ? string.Empty : " with duplicate ids")}; it must return at least one, each with its own id.");
        }

        await SinkCalls.ExecuteAsync(
            ExternalCall.Prepare,
            ct => Sink.PrepareAsync(schema, new SinkPrepareOptions { CreateIfMissing = true, Overwrite = _job.Overwrite && existing is null, Resuming = existing is not null }, ct),
            cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        _checkpoint = existing ?? new Checkpoint
        {
            Fingerprint = _fingerprint,
            Source = _job.Source!.Display,
            Target = _job.Target!.Display,
            Created = now,
            Updated = now,
            Partitions = partitions.Select(p => new PartitionCheckpoint { Id = p.Id, Descriptor = p.Descriptor }).ToList(),
        };
        if (existing is not null)
        {
            _checkpoint.Runs++;
            Log(LogLevel.Information, $"Resuming from checkpoint {_paths.Checkpoint}: {existing.Totals.Migrated} records already migrated, {existing.Partitions.Count(p => p.Done)} of {existing.Partitions.Count} partitions done.");
        }

        _checkpoint.DeadLetterPath = _paths.DeadLetter;
        if (_job.OnDuplicate != DuplicatePolicy.Overwrite)
        {
            // Resuming a skip/fail migration reads the ids its earlier runs wrote: those are never duplicates.
            _journal = WrittenIdJournal.Open(_paths.WrittenIds, resume: existing is not null);
            _checkpoint.WrittenIdsPath = _paths.WrittenIds;
            _checkpoint.WrittenIdsComplete = true;
        }
        else
        {
            _checkpoint.WrittenIdsComplete = false;
        }

        _baseline = _checkpoint.Totals.Clone();
        _deadLetters = new DeadLetterWriter(_paths.DeadLetter, existing?.DeadLetterLength ?? 0, _time);
        if (_job.Validation == ValidationLevel.Full)
        {
            var continues = existing is null || (existing.ChecksumLogComplete && string.Equals(existing.ChecksumLogPath, _paths.Checksums, StringComparison.Ordinal));
            _checksums = new ChecksumLog(_paths.Checksums, continues ? existing?.ChecksumLogLength ?? 0 : 0);
            _checkpoint.ChecksumLogPath = _paths.Checksums;
            _checkpoint.ChecksumLogComplete = continues;
        }
        else
        {
            _checkpoint.ChecksumLogComplete = false;
        }

        if (_job.Validation is ValidationLevel.Sample or ValidationLevel.Search)
        {
            _sample = new SampleReservoir(Math.Max(_job.SampleSize, _job.SearchQueries), _job.Seed);
        }

        _partitions = _checkpoint.Partitions
            .Select(p => new PartitionState(new SourcePartition(p.Id, p.Descriptor), p.ResumeToken, p.Done, p.Records))
            .ToList();
        CheckpointStore.Save(_paths.Checkpoint, _checkpoint);
        _progress.SetResumed(_baseline.Migrated);
        if (schema.Count is { } known)
        {
            _progress.SetTotal(Math.Max(0, known - _baseline.Read));
        }

        var limits = Sink.Limits;
        _writer = new SinkWriter(Sink, SinkCalls, Math.Min(_job.BatchSize, limits.MaxBatchRecords), Math.Min(_job.MaxBatchBytes, limits.MaxBatchBytes));
        if (_journal is not null)
        {
            _duplicates = new DuplicateGuard(_job.OnDuplicate, Sink, SinkCalls, Math.Min(_job.BatchSize, limits.MaxBatchRecords), _journal);
        }

        using var flushGate = new FlushGate(_job.WriteParallel);
        _flushGate = flushGate;
        await using var running = _checksums is not null && _checkpoint.ChecksumLogComplete
            ? new RunningFullValidation(_checksums.Path, new TargetReader(Sink, SinkCalls, flushGate.AloneAsync), _time)
            : null;
        _running = running;
        _runner = new PipelineRunner(_session, _session.CreateChain(_checksums is not null), _progress, _partitions, ConsumeAsync)
        {
            ReadParallelism = _job.Parallel,
            TransformParallelism = _job.TransformParallel,
            ConsumerParallelism = _job.WriteParallel,
            ChannelCapacity = _job.ChannelCapacity,
        };
        _lastCheckpoint = _time.GetTimestamp();
        _progress.SetPhase(MigrationPhase.Migrating);
        var migrating = _time.GetTimestamp();
        await _runner.RunAsync(cancellationToken).ConfigureAwait(false);
        _progress.SetPhase(MigrationPhase.Finishing);

        var fatal = _runner.Fatal;
        try
        {
            // Alone: a comparison of the running validation may be reading from the sink.
            using (await flushGate.AloneAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await FlushAndCheckpointAsync(final: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (fatal is not null)
        {
            Log(LogLevel.Warning, $"The last checkpoint could not be written after the failure ({e.Message}); the previous one stands.");
        }

        if (_heldFailures.Count > 0)
        {
            // Written after the checkpoint on purpose: a re-run cuts them away and reports the records again if they still fail.
            foreach (var entry in _heldFailures)
            {
                _deadLetters.Add(entry);
            }

            await _deadLetters.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (_checkpoint.Completed && _journal is not null)
        {
            // A completed migration writes nothing more: its journal has served.
            _journal.Dispose();
            File.Delete(_journal.Path);
            _journal = null;
        }

        var migrationDuration = _time.GetElapsedTime(migrating);
        var outcome = Decide(fatal, cancellationToken, out var message);
        ValidationReport? validation = null;
        if (_job.Validation != ValidationLevel.None && outcome is MigrationOutcome.Completed or MigrationOutcome.CompletedWithFailures)
        {
            _progress.SetPhase(MigrationPhase.Validating);
            validation = await _engine.ValidateAfterMigrationAsync(_session, _job, _checkpoint, _sample?.Items, running, cancellationToken).ConfigureAwait(false);
        }

        _progress.SetPhase(MigrationPhase.Completed);
        var snapshot = _progress.Snapshot();
        return new MigrationResult
        {
            Outcome = outcome,
            Message = message,
            Error = fatal,
            Source = _job.Source!.Display,
            Target = _job.Target!.Display,
            Resumed = existing is not null,
            Read = _run.Read,
            Migrated = _run.Migrated,
            Failed = _run.Failed + _heldFailures.Count,
            Skipped = _run.Skipped,
            Filtered = _run.Filtered,
            Duplicates = _run.Duplicates,
            Retries = snapshot.Retries,
            BytesRead = snapshot.BytesRead,
            Duration = _time.GetElapsedTime(started),
            MigrationDuration = migrationDuration,
            RecordsPerSecond = migrationDuration.TotalSeconds > 0 ? _run.Read / migrationDuration.TotalSeconds : 0,
            BytesPerSecond = migrationDuration.TotalSeconds > 0 ? snapshot.BytesRead / migrationDuration.TotalSeconds : 0,
            Filter = _session.Filter?.ToString(),
            FilterPlacement = _session.Placement,
            Partitions = _partitions.Count,
            CheckpointPath = _paths.Checkpoint,
            DeadLetterPath = _deadLetters.Path,
            DeadLetters = _deadLetters.Count,
            FirstErrors = _firstErrors.ToArray(),
            Totals = _checkpoint.Totals.Clone(),
            Validation = validation,
        };
    }

    private MigrationOutcome Decide(Exception? fatal, CancellationToken cancellationToken, out string? message)
    {
        message = null;
        switch (fatal)
        {
            case ConnectorUnavailableException unavailable:
                message = unavailable.Message + " Re-run the same command to resume.";
                return MigrationOutcome.Unavailable;
            case not null:
                message = fatal.Message;
                return MigrationOutcome.Failed;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            message = "Cancelled. Re-run the same command to resume from the last checkpoint.";
            return MigrationOutcome.Cancelled;
        }

        if (_runner.StopReason is { } reason)
        {
            message = reason;
            return MigrationOutcome.Stopped;
        }

        return _run.Failed > 0 ? MigrationOutcome.CompletedWithFailures : MigrationOutcome.Completed;
    }

    private async Task<MigrationResult> AlreadyCompletedAsync(Checkpoint existing, long started, CancellationToken cancellationToken)
    {
        ValidationReport? validation = null;
        if (_job.Validation != ValidationLevel.None)
        {
            _progress.SetPhase(MigrationPhase.Validating);
            validation = await _engine.ValidateAfterMigrationAsync(_session, _job, existing, null, running: null, cancellationToken).ConfigureAwait(false);
        }

        _progress.SetPhase(MigrationPhase.Completed);
        return new MigrationResult
        {
            Outcome = MigrationOutcome.AlreadyCompleted,
            Message = $"This migration already completed ({existing.Updated:u}, checkpoint {_paths.Checkpoint}); nothing to do. Use --restart to run it again.",
            Source = _job.Source!.Display,
            Target = _job.Target!.Display,
            Resumed = true,
            Duration = _time.GetElapsedTime(started),
            Filter = _session.Filter?.ToString(),
            FilterPlacement = _session.Placement,
            Partitions = existing.Partitions.Count,
            CheckpointPath = _paths.Checkpoint,
            DeadLetterPath = existing.DeadLetterPath,
            Totals = existing.Totals.Clone(),
            Validation = validation,
        };
    }

    private async ValueTask ConsumeAsync(WorkBatch work, CancellationToken cancellationToken)
    {
        await _flushGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_duplicateStop)
            {
                // --on-duplicate fail stopped the run: batches still in flight are neither written nor settled.
                return;
            }

            if (_job.Errors == ErrorMode.Strict && work.Failures.Count > 0)
            {
                Hold(work);
                return;
            }

            if (work.Records.Count > 0)
            {
                var toWrite = work.Records;
                if (_duplicates is not null)
                {
                    var duplicates = await _duplicates.CheckAsync(work.Records, cancellationToken).ConfigureAwait(false);
                    if (duplicates.Count > 0)
                    {
                        if (_job.OnDuplicate == DuplicatePolicy.Fail)
                        {
                            StopOnDuplicates(work, duplicates);
                            return;
                        }

                        toWrite = new List<Record>(work.Records.Count);
                        work.RefusedIds = new HashSet<string>(duplicates, StringComparer.Ordinal);
                        foreach (var record in work.Records)
                        {
                            if (duplicates.Contains(record.Id))
                            {
                                work.Duplicates++;
                            }
                            else
                            {
                                toWrite.Add(record);
                            }
                        }
                    }
                }

                var refused = toWrite.Count == 0 ? [] : await _writer.WriteAsync(toWrite, work.Bytes, cancellationToken).ConfigureAwait(false);
                if (refused.Count > 0)
                {
                    work.RefusedIds ??= new HashSet<string>(StringComparer.Ordinal);
                    foreach (var (record, error) in refused)
                    {
                        work.RefusedIds.Add(record.Id);
                        work.Failures.Add(new DeadLetterEntry(DeadLetterStage.Write, error)
                        {
                            Partition = work.Partition.Partition.Id,
                            RecordId = record.Id,
                            Record = record,
                        });
                    }
                }

                work.Written = toWrite.Count - refused.Count;
            }

            if (_job.Errors == ErrorMode.Strict && work.Failures.Count > 0)
            {
                Hold(work);
                return;
            }

            _progress.AddWritten(work.Written);
            if (work.Failures.Count > 0)
            {
                _progress.AddFailed(work.Failures.Count, SkipMode);
                Remember(work.Failures);
            }

            work.Partition.Complete(work, Settle);
            if (work.Failures.Count > 0 && _job.MaxFailures is { } max && Interlocked.Add(ref _failuresThisRun, work.Failures.Count) >= max)
            {
                _runner.Stop($"{Interlocked.Read(ref _failuresThisRun)} records failed, reaching --max-failures {max}; the run stopped. See the dead-letter file.");
            }
        }
        finally
        {
            _flushGate.Exit();
        }

        Interlocked.Add(ref _sinceCheckpoint, work.ReadCount);
        await MaybeCheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Duplicate policy fail: the batch is neither written nor settled, so the checkpoint stays before it and a re-run meets the same records.</summary>
    private void StopOnDuplicates(WorkBatch work, HashSet<string> duplicates)
    {
        var first = work.Records.First(r => duplicates.Contains(r.Id)).Id;
        var others = duplicates.Count > 1
            ? $" ({duplicates.Count} ids of its batch exist: {string.Join(", ", duplicates.Order(StringComparer.Ordinal).Take(5).Select(id => $"'{id}'"))}{(duplicates.Count > 5 ? ", …" : string.Empty)})"
            : string.Empty;
        var message = $"Record '{first}' already exists in the target and --on-duplicate is fail{others}; nothing of its batch (or later ones) was written. Re-run with --on-duplicate skip or overwrite to go on from the checkpoint.";
        _duplicateStop = true;
        lock (_gate)
        {
            if (_firstErrors.Count < KeptErrors)
            {
                _firstErrors.Add(message);
            }
        }

        _runner.Stop(message);
    }

    private void Hold(WorkBatch work)
    {
        // Strict mode: the batch is not settled, so the checkpoint stays before it and a re-run retries it.
        lock (_gate)
        {
            _heldFailures.AddRange(work.Failures);
        }

        _progress.AddFailed(work.Failures.Count, skipMode: false);
        Remember(work.Failures);
        var first = work.Failures[0];
        _runner.Stop($"A record failed and --errors is strict: {Describe(first)}");
    }

    private void Remember(List<DeadLetterEntry> failures)
    {
        lock (_gate)
        {
            foreach (var failure in failures)
            {
                if (_firstErrors.Count >= KeptErrors)
                {
                    break;
                }

                _firstErrors.Add(Describe(failure));
            }
        }
    }

    private static string Describe(DeadLetterEntry entry)
    {
        var where = new List<string>(3) { entry.Stage.ToString().ToLowerInvariant() };
        if (entry.Line is { } line && !entry.Error.Contains($"line {line}", StringComparison.Ordinal))
        {
            where.Add($"line {line}");
        }

        if (entry.RecordId is not null && !entry.Error.Contains(entry.RecordId, StringComparison.Ordinal))
        {
            where.Add($"record '{entry.RecordId}'");
        }

        return $"{string.Join(", ", where)}: {entry.Error}";
    }

    /// <summary>Runs under the partition's lock when the durable position passes the batch.</summary>
    private void Settle(WorkBatch work)
    {
        foreach (var failure in work.Failures)
        {
            _deadLetters.Add(failure);
        }

        if (_checksums is not null && work.Checksums is not null)
        {
            for (var i = 0; i < work.Records.Count; i++)
            {
                var id = work.Records[i].Id;
                if (work.RefusedIds is null || !work.RefusedIds.Contains(id))
                {
                    _checksums.Add(id, work.Checksums.AsSpan(i * RecordChecksum.Size, RecordChecksum.Size));
                }
            }
        }

        if (_sample is not null)
        {
            foreach (var record in work.Records)
            {
                if (work.RefusedIds is null || !work.RefusedIds.Contains(record.Id))
                {
                    _sample.Offer(record);
                }
            }
        }

        lock (_gate)
        {
            _run.Read += work.ReadCount;
            _run.Migrated += work.Written;
            _run.Filtered += work.Filtered;
            _run.Duplicates += work.Duplicates;
            if (SkipMode)
            {
                _run.Skipped += work.Failures.Count;
            }
            else
            {
                _run.Failed += work.Failures.Count;
            }
        }
    }

    private async ValueTask MaybeCheckpointAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref _sinceCheckpoint) < _job.CheckpointEveryRecords && _time.GetElapsedTime(Interlocked.Read(ref _lastCheckpoint)) < _job.CheckpointInterval)
        {
            return;
        }

        if (!_flushGate.TryBeginExclusive())
        {
            return;
        }

        var drained = false;
        try
        {
            await _flushGate.DrainAsync(cancellationToken).ConfigureAwait(false);
            drained = true;
            await FlushAndCheckpointAsync(final: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.EndExclusive(drained);
        }
    }

    private async ValueTask FlushAndCheckpointAsync(bool final, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _sinceCheckpoint, 0);
        Interlocked.Exchange(ref _lastCheckpoint, _time.GetTimestamp());
        await SinkCalls.ExecuteAsync(ExternalCall.Flush, ct => Sink.FlushAsync(ct), cancellationToken).ConfigureAwait(false);
        await _deadLetters.FlushAsync(cancellationToken).ConfigureAwait(false);
        _checksums?.Flush();
        var partitions = new List<PartitionCheckpoint>(_partitions.Count);
        var allDone = true;
        foreach (var partition in _partitions)
        {
            var state = partition.ToCheckpoint();
            allDone &= state.Done;
            partitions.Add(state);
        }

        CheckpointTotals totals;
        lock (_gate)
        {
            totals = new CheckpointTotals
            {
                Read = _baseline.Read + _run.Read,
                Migrated = _baseline.Migrated + _run.Migrated,
                Failed = _baseline.Failed + _run.Failed,
                Skipped = _baseline.Skipped + _run.Skipped,
                Filtered = _baseline.Filtered + _run.Filtered,
                Duplicates = _baseline.Duplicates + _run.Duplicates,
            };
        }

        _checkpoint.Partitions = partitions;
        _checkpoint.Totals = totals;
        _checkpoint.DeadLetterLength = _deadLetters.Length;
        if (_checksums is not null)
        {
            _checkpoint.ChecksumLogLength = _checksums.Length;
        }

        _checkpoint.Updated = _time.GetUtcNow();
        _checkpoint.Completed = final && allDone && _runner.StopReason is null && _runner.Fatal is null;
        CheckpointStore.Save(_paths.Checkpoint, _checkpoint);
        if (!final && _checksums is not null)
        {
            // What this checkpoint made durable can be compared with the target while the migration goes on.
            _running?.Advance(_checkpoint.ChecksumLogLength);
        }

        Log(LogLevel.Debug, $"Checkpoint: {totals.Migrated} records migrated, {partitions.Count(p => p.Done)} of {partitions.Count} partitions done.");
    }

    private void Log(LogLevel level, string message)
    {
        if (_logger.IsEnabled(level))
        {
#pragma warning disable CA1848, CA2254 // a handful of messages per run.
            _logger.Log(level, message);
#pragma warning restore CA1848, CA2254
        }
    }
}
