namespace Ferry.Arrow;

/// <summary>The null type: every value is null and the array has no buffers.</summary>
public sealed class NullType : ArrowType
{
    internal NullType()
        : base(ArrowTypeId.Null)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "null";
}
