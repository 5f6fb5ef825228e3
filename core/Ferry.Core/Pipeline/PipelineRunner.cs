using System.Collections.Concurrent;
using System.Threading.Channels;
using Ferry.Core.Progress;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Runs the stages: readers (one partition each at a time, up to the read parallelism) → bounded channel →
/// transform workers → bounded channel → consumers (writers, or the dry-run and validation counterparts).
/// Memory stays bounded by the channel capacities times the batch size, whatever the dataset size.
/// <see cref="Stop"/> ends reading gracefully (what is in flight still flows to the consumers); a failure of any
/// stage aborts everything and is reported in <see cref="Fatal"/>.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly MigrationSession _session;
    private readonly TransformChain _chain;
    private readonly MigrationProgress _progress;
    private readonly IReadOnlyList<PartitionState> _partitions;
    private readonly Func<WorkBatch, CancellationToken, ValueTask> _consume;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private Exception? _fatal;
    private string? _stopReason;

    public PipelineRunner(MigrationSession session, TransformChain chain, MigrationProgress progress, IReadOnlyList<PartitionState> partitions, Func<WorkBatch, CancellationToken, ValueTask> consume)
    {
        _session = session;
        _chain = chain;
        _progress = progress;
        _partitions = partitions;
        _consume = consume;
    }

    public int ReadParallelism { get; init; } = 1;

    public int TransformParallelism { get; init; } = 1;

    public int ConsumerParallelism { get; init; } = 1;

    public int ChannelCapacity { get; init; } = 4;

    /// <summary>The first failure that aborted the run, if any.</summary>
    public Exception? Fatal
    {
        get
        {
            lock (_gate)
            {
                return _fatal;
            }
        }
    }

    /// <summary>Why reading stopped early (strict mode, failure limit), if it did.</summary>
    public string? StopReason
    {
        get
        {
            lock (_gate)
            {
                return _stopReason;
            }
        }
    }

    /// <summary>Ends reading; batches already read still flow through.</summary>
    public void Stop(string reason)
    {
        lock (_gate)
        {
            _stopReason ??= reason;
        }

        _stop.Cancel();
    }

    /// <summary>Aborts every stage with a failure.</summary>
    public void Abort(Exception exception)
    {
        lock (_gate)
        {
            _fatal ??= exception;
        }

        _abort.Cancel();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var readCancellation = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _abort.Token, cancellationToken);
        var abort = _abort.Token;
        var read = Channel.CreateBounded<WorkBatch>(new BoundedChannelOptions(ChannelCapacity) { FullMode = BoundedChannelFullMode.Wait });
        var transformed = Channel.CreateBounded<WorkBatch>(new BoundedChannelOptions(ChannelCapacity) { FullMode = BoundedChannelFullMode.Wait });
        var queue = new ConcurrentQueue<PartitionState>();
        foreach (var partition in _partitions)
        {
            if (!partition.DoneBefore)
            {
                queue.Enqueue(partition);
            }
        }

        var readers = new Task[Math.Max(1, Math.Min(ReadParallelism, queue.Count))];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = Task.Run(() => ReadLoopAsync(queue, read.Writer, readCancellation.Token), CancellationToken.None);
        }

        var transformers = new Task[TransformParallelism];
        for (var i = 0; i < transformers.Length; i++)
        {
            transformers[i] = Task.Run(() => TransformLoopAsync(read.Reader, transformed.Writer, abort), CancellationToken.None);
        }

        var consumers = new Task[ConsumerParallelism];
        for (var i = 0; i < consumers.Length; i++)
        {
            consumers[i] = Task.Run(() => ConsumeLoopAsync(transformed.Reader, abort), CancellationToken.None);
        }

        await Task.WhenAll(
            CompleteAfter(readers, read.Writer),
            CompleteAfter(transformers, transformed.Writer),
            Task.WhenAll(consumers)).ConfigureAwait(false);
        _stop.Dispose();
        _abort.Dispose();
    }

    private static async Task CompleteAfter(Task[] tasks, ChannelWriter<WorkBatch> writer)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ReadLoopAsync(ConcurrentQueue<PartitionState> queue, ChannelWriter<WorkBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && queue.TryDequeue(out var partition))
            {
                var request = _session.CreateRequest(partition.Partition, partition.StartToken);
                long last = 0;
                await foreach (var batch in ResilientPartitionReader.ReadAsync(_session.Source, _session.SourceCalls, request, cancellationToken).ConfigureAwait(false))
                {
                    var work = new WorkBatch(partition, partition.NextSequence(), batch);
                    last = work.Sequence;
                    _progress.AddRead(work.ReadCount, 0);
                    await writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
                }

                partition.MarkReadComplete(last);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped or aborted: the partition stays unfinished and resumes from its checkpoint.
        }
        catch (Exception e)
        {
            Abort(e);
        }
    }

    private async Task TransformLoopAsync(ChannelReader<WorkBatch> reader, ChannelWriter<WorkBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _chain.ApplyAsync(work, cancellationToken).ConfigureAwait(false);
                _progress.AddRead(0, work.Bytes);
                if (work.Filtered > 0)
                {
                    _progress.AddFiltered(work.Filtered);
                }

                await writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Abort(e);
        }
    }

    private async Task ConsumeLoopAsync(ChannelReader<WorkBatch> reader, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _consume(work, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Abort(e);
        }
    }
}
