using System.Globalization;
using System.Numerics;

namespace Ferry.Arrow;

/// <summary>Decimal128 or decimal256 values: little-endian two's complement integers scaled by 10^scale.</summary>
public sealed class DecimalArray : FixedSizeBinaryArray
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">The decimal type.</param>
    /// <param name="data">Length × 16 (or 32) bytes.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public DecimalArray(DecimalType type, ReadOnlyMemory<byte> data, int length, ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, data, length, validity, nullCount) => DecimalType = type;

    /// <summary>The decimal type (precision, scale, width).</summary>
    public DecimalType DecimalType { get; }

    /// <summary>The unscaled integer of value <paramref name="index"/>.</summary>
    public BigInteger GetUnscaledValue(int index) => new(GetBytes(index), isUnsigned: false, isBigEndian: false);

    /// <summary>The exact decimal text of a value (e.g. <c>-12.30</c>), or null for a null slot.</summary>
    public string? GetString(int index)
    {
        if (IsNull(index))
        {
            return null;
        }

        var unscaled = GetUnscaledValue(index);
        var scale = DecimalType.Scale;
        if (scale <= 0)
        {
            return (unscaled * BigInteger.Pow(10, -scale)).ToString(CultureInfo.InvariantCulture);
        }

        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = digits[..^scale] + "." + digits[^scale..];
        return unscaled.Sign < 0 ? "-" + text : text;
    }

    /// <summary>The value as a <see cref="decimal"/>.</summary>
    /// <exception cref="OverflowException">The value does not fit a <see cref="decimal"/> (more than 28-29 digits or scale above 28).</exception>
    public decimal GetDecimal(int index)
    {
        var unscaled = GetUnscaledValue(index);
        var scale = DecimalType.Scale;
        if (scale < 0)
        {
            return (decimal)(unscaled * BigInteger.Pow(10, -scale));
        }

        if (scale > 28)
        {
            throw new OverflowException($"Scale {scale} exceeds what System.Decimal can hold.");
        }

        var magnitude = (decimal)BigInteger.Abs(unscaled);
        var bits = decimal.GetBits(magnitude);
        var result = new decimal(bits[0], bits[1], bits[2], unscaled.Sign < 0, (byte)scale);
        return result;
    }
}
