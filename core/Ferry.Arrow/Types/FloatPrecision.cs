namespace Ferry.Arrow;

/// <summary>Precision of a <see cref="FloatingPointType"/>.</summary>
public enum FloatPrecision
{
    /// <summary>16-bit.</summary>
    Half,
    /// <summary>32-bit.</summary>
    Single,
    /// <summary>64-bit.</summary>
    Double,
}
