using System.Globalization;

namespace Ferry.Arrow;

/// <summary>Opaque bytes of a fixed width per value (e.g. 16-byte UUIDs).</summary>
public sealed class FixedSizeBinaryType : ArrowType
{
    /// <summary>Creates the type.</summary>
    /// <param name="byteWidth">Bytes per value, at least 0.</param>
    public FixedSizeBinaryType(int byteWidth)
        : base(ArrowTypeId.FixedSizeBinary)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteWidth);
        Width = byteWidth;
    }

    /// <summary>Bytes per value.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override int ByteWidth => Width;

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) => other is FixedSizeBinaryType f && f.Width == Width;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Width);

    /// <inheritdoc/>
    public override string ToString() => "fixed_size_binary[" + Width.ToString(CultureInfo.InvariantCulture) + "]";
}
