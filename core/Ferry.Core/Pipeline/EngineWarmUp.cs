using Ferry.Core.Checkpoints;
using Ferry.Core.Resilience;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Runs, in memory, what every migration runs first: a call through a resilience pipeline for each shape of result the
/// engine uses, and a checkpoint's JSON round trip. Their generic code is compiled at run time (ReadyToRun cannot
/// precompile generic instantiations across the framework's version bubble); a host calls this on a core that is idle
/// at startup, so the migration's first calls do not wait for the compiler. It touches no file and no connector.
/// </summary>
public static class EngineWarmUp
{
    /// <summary>Runs the warm-up on the calling thread (a host starts it on a thread-pool thread).</summary>
    public static void Run()
    {
        var calls = new ResilientCalls("warm-up", new ResilienceOptions());
        Wait(calls.ExecuteAsync(ExternalCall.Describe, static _ => ValueTask.FromResult(new object()), CancellationToken.None));
        Wait(calls.ExecuteAsync(ExternalCall.Write, static _ => ValueTask.FromResult(true), CancellationToken.None));
        Wait(calls.ExecuteAsync(ExternalCall.Count, static _ => ValueTask.FromResult<long?>(0), CancellationToken.None));
        calls.ExecuteAsync(ExternalCall.Flush, static _ => ValueTask.CompletedTask, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        CheckpointStore.WarmUp();
    }

    private static void Wait<T>(ValueTask<T> call) => call.AsTask().GetAwaiter().GetResult();
}
