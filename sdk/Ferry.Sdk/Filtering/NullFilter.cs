namespace Ferry.Sdk.Filtering;

/// <summary><c>field IS [NOT] NULL</c>; an absent field counts as null.</summary>
/// <param name="Field">The field tested.</param>
/// <param name="Negated">True for <c>IS NOT NULL</c>.</param>
public sealed record NullFilter(FieldReference Field, bool Negated) : FilterExpression;
