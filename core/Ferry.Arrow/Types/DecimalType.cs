using System.Globalization;

namespace Ferry.Arrow;

/// <summary>A fixed-point decimal stored as a 128- or 256-bit little-endian two's complement integer
/// scaled by 10^<see cref="Scale"/>.</summary>
public sealed class DecimalType : ArrowType
{
    /// <summary>Creates the type.</summary>
    /// <param name="precision">Total significant digits (1-38 for 128 bits, 1-76 for 256 bits).</param>
    /// <param name="scale">Digits after the decimal point, between -maxDigits and maxDigits (38 or 76); negative scales multiply.</param>
    /// <param name="bitWidth">128 or 256.</param>
    public DecimalType(int precision, int scale, int bitWidth = 128)
        : base(bitWidth switch
        {
            128 => ArrowTypeId.Decimal128,
            256 => ArrowTypeId.Decimal256,
            _ => throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Decimal bit width must be 128 or 256."),
        })
    {
        var maxDigits = bitWidth == 128 ? 38 : 76;
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, maxDigits);

        // Beyond ±maxDigits a scale describes no value the storage can hold usefully, and it would
        // make exact formatting (10^scale) arbitrarily expensive.
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, -maxDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, maxDigits);
        Precision = precision;
        Scale = scale;
        BitWidth = bitWidth;
    }

    /// <summary>Total significant digits.</summary>
    public int Precision { get; }

    /// <summary>Digits after the decimal point (may be negative).</summary>
    public int Scale { get; }

    /// <summary>128 or 256.</summary>
    public int BitWidth { get; }

    /// <inheritdoc/>
    public override int ByteWidth => BitWidth / 8;

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) =>
        other is DecimalType d && d.Precision == Precision && d.Scale == Scale && d.BitWidth == BitWidth;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Precision, Scale);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"decimal{BitWidth}({Precision}, {Scale})");
}
