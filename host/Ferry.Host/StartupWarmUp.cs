using Ferry.Core.Pipeline;
using Ferry.Frame;

namespace Ferry.Host;

/// <summary>
/// Work every migration does before its first record moves: building the JSON metadata of checkpoints and Frame
/// manifests, whose generic code ReadyToRun cannot precompile (it is compiled at run time, about 50-100 ms). Started on a
/// thread-pool thread as the process starts, it runs on a core that is idle during startup, off the migration's critical
/// path. It touches no file; if it has not finished, the migration simply does the rest itself.
/// </summary>
internal static class StartupWarmUp
{
    public static void Start() => _ = Task.Run(static () =>
    {
        EngineWarmUp.Run();
        FrameDataset.WarmUp();
    });
}
