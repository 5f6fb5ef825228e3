namespace Ferry.Sdk.Filtering;

/// <summary>True when any operand is true.</summary>
/// <param name="Operands">Two or more operands.</param>
public sealed record OrFilter(IReadOnlyList<FilterExpression> Operands) : FilterExpression
{
    /// <inheritdoc />
    public bool Equals(OrFilter? other) => other is not null && Operands.SequenceEqual(other.Operands);

    /// <inheritdoc />
    public override int GetHashCode() => Operands.Count;
}
