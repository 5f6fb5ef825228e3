namespace Ferry.Sdk.Filtering;

/// <summary>Logical negation.</summary>
/// <param name="Operand">The negated expression.</param>
public sealed record NotFilter(FilterExpression Operand) : FilterExpression;
