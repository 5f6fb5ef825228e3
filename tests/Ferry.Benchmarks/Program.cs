using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ferry.Benchmarks.Infrastructure;

namespace Ferry.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Ferry.Benchmarks -- --filter '*'</c>
/// (any BenchmarkDotNet arguments, e.g. <c>--job short</c>, <c>--list flat</c>). Benchmarks live in feature folders.
/// </summary>
/// <remarks>
/// <c>--cpu-clock</c> (Linux) adds a short in-process job timed by process CPU time instead of wall time, for
/// machines shared with other busy processes (see <see cref="ProcessCpuClock"/>).
/// </remarks>
public static class Program
{
    private const string CpuClockSwitch = "--cpu-clock";

    // BenchmarkDotNet builds a generated project per run; on a busy two-core machine that can exceed its
    // default two-minute limit.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The Frame store's stand-alone harness (JSON lines for tests/bench/run-bench.sh): frame-write, frame-search.
        if (Frame.FrameHarness.Handles(args))
        {
            return Frame.FrameHarness.Run(args);
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout);
        if (Array.IndexOf(args, CpuClockSwitch) >= 0)
        {
            args = Array.FindAll(args, a => a != CpuClockSwitch);
            config.AddJob(Job.ShortRun
                .WithClock(ProcessCpuClock.Instance)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("ShortRun-CpuTime"));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
