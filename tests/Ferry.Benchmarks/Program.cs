using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Ferry.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Ferry.Benchmarks -- --filter '*'</c>
/// (any BenchmarkDotNet arguments, e.g. <c>--job short</c>, <c>--list flat</c>). Benchmarks live in feature folders.
/// </summary>
public static class Program
{
    // BenchmarkDotNet builds a generated project per run; on a busy two-core machine that can exceed its
    // default two-minute limit.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public static int Main(string[] args)
    {
        // Stand-alone harness commands (JSON lines for tests/bench/run-bench.sh) before BenchmarkDotNet's switcher.
        if (Frame.FrameHarness.Handles(args))
        {
            return Frame.FrameHarness.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout));
        return 0;
    }
}
