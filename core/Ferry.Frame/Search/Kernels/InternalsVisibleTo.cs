using System.Runtime.CompilerServices;

// Tests force each rung of the SIMD ladder (KernelWidth) and benchmarks compare the rungs.
[assembly: InternalsVisibleTo("Ferry.Frame.Tests")]
[assembly: InternalsVisibleTo("Ferry.Benchmarks")]
