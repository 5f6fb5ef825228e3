namespace Ferry.Sdk.Filtering;

/// <summary><c>field [NOT] LIKE 'pattern'</c> with SQL wildcards <c>%</c> (any run) and <c>_</c> (one character), case-sensitive.</summary>
/// <param name="Field">The string field tested.</param>
/// <param name="Pattern">The SQL LIKE pattern.</param>
/// <param name="Negated">True for <c>NOT LIKE</c>.</param>
public sealed record LikeFilter(FieldReference Field, string Pattern, bool Negated) : FilterExpression;
