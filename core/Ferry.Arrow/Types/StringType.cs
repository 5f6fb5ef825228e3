namespace Ferry.Arrow;

/// <summary>UTF-8 strings, with 32-bit (utf8) or 64-bit (large_utf8) offsets.</summary>
public sealed class StringType : ArrowType
{
    internal StringType(bool isLarge)
        : base(isLarge ? ArrowTypeId.LargeUtf8 : ArrowTypeId.Utf8) => IsLarge = isLarge;

    /// <summary>True for large_utf8 (64-bit offsets).</summary>
    public bool IsLarge { get; }

    /// <inheritdoc/>
    public override string ToString() => IsLarge ? "large_utf8" : "utf8";
}
