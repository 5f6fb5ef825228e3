using System.Numerics;

namespace Ferry.Arrow;

/// <summary>Builds <see cref="DecimalArray"/>s from <see cref="decimal"/> or unscaled <see cref="BigInteger"/> values.</summary>
public sealed class DecimalArrayBuilder : FixedSizeBinaryArrayBuilder
{
    private readonly DecimalType _type;
    private readonly BigInteger _limit;

    /// <summary>Creates the builder.</summary>
    /// <param name="type">The decimal type.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public DecimalArrayBuilder(DecimalType type, int capacity = 0)
        : base(type, capacity)
    {
        _type = type;
        _limit = BigInteger.Pow(10, type.Precision);
    }

    /// <summary>Appends an unscaled value (the stored integer; the real value is it × 10^-scale).</summary>
    /// <exception cref="OverflowException">The value has more digits than the precision.</exception>
    public void AppendUnscaled(BigInteger unscaled)
    {
        if (BigInteger.Abs(unscaled) >= _limit)
        {
            throw new OverflowException($"{unscaled} has more than {_type.Precision} digits.");
        }

        var slot = AppendSlot();
        slot.Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        if (!unscaled.TryWriteBytes(slot, out _, isUnsigned: false, isBigEndian: false))
        {
            throw new OverflowException($"{unscaled} does not fit {ByteWidth} bytes.");
        }
    }

    /// <summary>Appends a decimal, rescaled exactly to the type's scale.</summary>
    /// <exception cref="ArgumentException">The value has more fractional digits than the scale allows.</exception>
    /// <exception cref="OverflowException">The value has more digits than the precision.</exception>
    public void Append(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var valueScale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        var shift = _type.Scale - valueScale;
        if (shift >= 0)
        {
            mantissa *= BigInteger.Pow(10, shift);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -shift);
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw new ArgumentException($"{value} has more than {_type.Scale} fractional digits.", nameof(value));
            }

            mantissa = quotient;
        }

        AppendUnscaled(mantissa);
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(decimal? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }
}
