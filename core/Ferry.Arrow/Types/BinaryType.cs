namespace Ferry.Arrow;

/// <summary>Opaque variable-length bytes, with 32-bit (binary) or 64-bit (large_binary) offsets.</summary>
public sealed class BinaryType : ArrowType
{
    internal BinaryType(bool isLarge)
        : base(isLarge ? ArrowTypeId.LargeBinary : ArrowTypeId.Binary) => IsLarge = isLarge;

    /// <summary>True for large_binary (64-bit offsets).</summary>
    public bool IsLarge { get; }

    /// <inheritdoc/>
    public override string ToString() => IsLarge ? "large_binary" : "binary";
}
