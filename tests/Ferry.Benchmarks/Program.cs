using BenchmarkDotNet.Running;

namespace Ferry.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Ferry.Benchmarks -- --filter '*'</c>
/// (any BenchmarkDotNet arguments, e.g. <c>--job short</c>, <c>--list flat</c>). Benchmarks live in feature folders.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
