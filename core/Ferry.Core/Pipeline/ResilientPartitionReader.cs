using System.Runtime.CompilerServices;
using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Reads a partition with resilience around every batch. A read that fails transiently cannot continue the
/// same enumeration, so the retry reopens the partition after the last batch it returned (its resume
/// token); when the source gives no tokens, the reopened read skips the batches already returned.
/// </summary>
internal sealed class ResilientPartitionReader : IAsyncDisposable
{
    private readonly SourceConnector _source;
    private readonly ResilientCalls _calls;
    private readonly ReadRequest _request;
    private readonly CancellationToken _cancellationToken;
    private IAsyncEnumerator<RecordBatch>? _enumerator;
    private CancellationTokenSource? _enumeratorCancellation;
    private string? _token;
    private long _sinceToken;

    private ResilientPartitionReader(SourceConnector source, ResilientCalls calls, ReadRequest request, CancellationToken cancellationToken)
    {
        _source = source;
        _calls = calls;
        _request = request;
        _token = request.ResumeToken;
        _cancellationToken = cancellationToken;
    }

    public static async IAsyncEnumerable<RecordBatch> ReadAsync(SourceConnector source, ResilientCalls calls, ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new ResilientPartitionReader(source, calls, request, cancellationToken);
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                var batch = await calls.ExecuteAsync(ExternalCall.Read, reader.NextAsync, cancellationToken).ConfigureAwait(false);
                if (batch is null)
                {
                    yield break;
                }

                if (batch.ResumeToken is not null)
                {
                    reader._token = batch.ResumeToken;
                    reader._sinceToken = 0;
                }
                else
                {
                    reader._sinceToken++;
                }

                yield return batch;
            }
        }
    }

    private async ValueTask<RecordBatch?> NextAsync(CancellationToken attemptToken)
    {
        if (_enumerator is null)
        {
            _enumeratorCancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            _enumerator = _source.ReadAsync(_request with { ResumeToken = _token }, _enumeratorCancellation.Token).GetAsyncEnumerator(_enumeratorCancellation.Token);
            for (var skipped = 0L; skipped < _sinceToken; skipped++)
            {
                if (!await MoveNextAsync(attemptToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        return await MoveNextAsync(attemptToken).ConfigureAwait(false) ? _enumerator.Current : null;
    }

    private async ValueTask<bool> MoveNextAsync(CancellationToken attemptToken)
    {
        // The per-attempt token (timeout) must stop the enumeration, which was created with its own token.
        using var registration = attemptToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _enumeratorCancellation);
        try
        {
            return await _enumerator!.MoveNextAsync().ConfigureAwait(false);
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask CloseAsync()
    {
        var enumerator = _enumerator;
        _enumerator = null;
        if (enumerator is not null)
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The enumeration already failed; its cleanup failing too changes nothing for the retry.
            }
        }

        _enumeratorCancellation?.Dispose();
        _enumeratorCancellation = null;
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
