namespace Ferry.Sdk.Filtering;

/// <summary>True when every operand is true.</summary>
/// <param name="Operands">Two or more operands.</param>
public sealed record AndFilter(IReadOnlyList<FilterExpression> Operands) : FilterExpression
{
    /// <inheritdoc />
    public bool Equals(AndFilter? other) => other is not null && Operands.SequenceEqual(other.Operands);

    /// <inheritdoc />
    public override int GetHashCode() => Operands.Count;
}
