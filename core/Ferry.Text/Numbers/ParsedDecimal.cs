namespace Ferry.Text.Numbers;

/// <summary>
/// A decimal literal reduced to at most 19 significant digits: value ≈ <see cref="Mantissa"/> × 10^<see cref="Exponent"/>.
/// When <see cref="Truncated"/> is set, the exact value lies strictly between that and
/// (<see cref="Mantissa"/> + 1) × 10^<see cref="Exponent"/>.
/// </summary>
internal struct ParsedDecimal
{
    /// <summary>The first (up to 19) significant digits as an integer.</summary>
    public ulong Mantissa;

    /// <summary>The decimal exponent applied to <see cref="Mantissa"/>.</summary>
    public int Exponent;

    /// <summary>Whether a minus sign was present (also for zero, NaN and infinity).</summary>
    public bool Negative;

    /// <summary>Whether non-zero digits beyond the 19th significant digit were dropped.</summary>
    public bool Truncated;

    /// <summary>Finite, infinity, NaN or nothing.</summary>
    public DecimalKind Kind;
}
