namespace Ferry.Arrow;

/// <summary>The boolean type, stored one bit per value.</summary>
public sealed class BooleanType : ArrowType
{
    internal BooleanType()
        : base(ArrowTypeId.Boolean)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "bool";
}
