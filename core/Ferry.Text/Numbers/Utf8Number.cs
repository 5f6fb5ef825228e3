namespace Ferry.Text.Numbers;

/// <summary>
/// Fast, exact conversions between UTF-8 text and numbers, for readers and writers of JSON Lines, CSV and other
/// text formats.
/// </summary>
/// <remarks>
/// <para>
/// Parsing is correctly rounded (round to nearest, ties to even) straight to the target type: a binary32 is
/// never produced by rounding a binary64, which could round twice. Common inputs take an Eisel-Lemire fast
/// path; the rare inputs it cannot decide (exact ties, subnormals, more than 19 significant digits near a
/// tie) fall back to the runtime's correctly rounded parser.
/// </para>
/// <para>
/// Accepted number syntax (a lenient superset of JSON): optional <c>+</c> or <c>-</c>, digits with optional
/// leading zeros, an optional fraction (<c>1.</c> and <c>.5</c> are accepted), an optional exponent
/// <c>e</c>/<c>E</c> with optional sign. Any number of digits is accepted. Accepted special literals, in any
/// letter case and with optional sign: <c>NaN</c> (Python's <c>json</c>, Java, .NET, JavaScript's
/// <c>String(NaN)</c>), <c>Infinity</c> (Python's <c>json</c>, .NET, JavaScript) and <c>inf</c> (NumPy, C,
/// Rust). Hexadecimal floats, digit separators and surrounding whitespace are not accepted.
/// </para>
/// <para>
/// Every parser returns the number of bytes it consumed: parsing stops at the first byte that cannot extend the
/// number, so a caller scanning a larger buffer (a JSON array, a CSV line) continues from there. A caller that
/// needs the whole span to be one number checks <c>bytesConsumed == utf8.Length</c>.
/// </para>
/// </remarks>
public static partial class Utf8Number
{
    /// <summary>Enough bytes for any value written by <see cref="TryFormatSingle"/>.</summary>
    public const int MaxSingleLength = 16;

    /// <summary>Enough bytes for any value written by <see cref="TryFormatDouble"/>.</summary>
    public const int MaxDoubleLength = 25;
}
