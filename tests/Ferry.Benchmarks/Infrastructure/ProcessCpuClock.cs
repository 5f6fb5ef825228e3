using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Ferry.Benchmarks.Infrastructure;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time consumed by the process (all threads; Linux
/// <c>CLOCK_PROCESS_CPUTIME_ID</c>) instead of wall time. On a machine shared with other busy processes,
/// wall time mostly measures the scheduler; CPU time still counts the cycles spent waiting for memory, so
/// memory-bound kernels are measured fairly. For multi-threaded benchmarks it is the total CPU cost, not latency.
/// </summary>
internal sealed class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTime = 2;
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static readonly ProcessCpuClock Instance = new();

    public string Title => "ProcessCpuTime";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => new(NanosecondsPerSecond);

    public long GetTimestamp()
    {
        if (NativeMethods.ClockGetTime(ClockProcessCpuTime, out Timespec now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        }

        return (now.Seconds * NanosecondsPerSecond) + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ClockGetTime(int clockId, out Timespec time);
    }
}
