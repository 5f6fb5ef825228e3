namespace Ferry.Arrow;

/// <summary>A signed or unsigned integer of 8, 16, 32 or 64 bits.</summary>
public sealed class IntType : ArrowType
{
    /// <summary>Creates an integer type; prefer the singletons such as <see cref="ArrowType.Int32"/>.</summary>
    public IntType(int bitWidth, bool isSigned)
        : base(IdFor(bitWidth, isSigned))
    {
        BitWidth = bitWidth;
        IsSigned = isSigned;
    }

    /// <summary>8, 16, 32 or 64.</summary>
    public int BitWidth { get; }

    /// <summary>True for two's complement signed integers.</summary>
    public bool IsSigned { get; }

    /// <inheritdoc/>
    public override int ByteWidth => BitWidth / 8;

    /// <inheritdoc/>
    public override string ToString() => (IsSigned ? "int" : "uint") + BitWidth.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ArrowTypeId IdFor(int bitWidth, bool isSigned) => (bitWidth, isSigned) switch
    {
        (8, true) => ArrowTypeId.Int8,
        (16, true) => ArrowTypeId.Int16,
        (32, true) => ArrowTypeId.Int32,
        (64, true) => ArrowTypeId.Int64,
        (8, false) => ArrowTypeId.UInt8,
        (16, false) => ArrowTypeId.UInt16,
        (32, false) => ArrowTypeId.UInt32,
        (64, false) => ArrowTypeId.UInt64,
        _ => throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Integer bit width must be 8, 16, 32 or 64."),
    };
}
