namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// The widest vector a kernel may use. Production code always runs the widest accelerated width; tests and
/// benchmarks force narrower ones to cover every rung of the ladder on one machine (vector APIs are correct,
/// if slow, on hardware that does not accelerate them).
/// </summary>
internal enum KernelWidth
{
    /// <summary>No SIMD.</summary>
    Scalar = 0,

    /// <summary>Up to 128-bit vectors.</summary>
    Vector128 = 1,

    /// <summary>Up to 256-bit vectors.</summary>
    Vector256 = 2,

    /// <summary>Up to 512-bit vectors.</summary>
    Vector512 = 3,
}
