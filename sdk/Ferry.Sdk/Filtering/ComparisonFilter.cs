using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary><c>field OP literal</c>. Numbers compare across integer/float/decimal; timestamps compare as instants.</summary>
/// <param name="Field">The field compared.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The literal on the right-hand side.</param>
public sealed record ComparisonFilter(FieldReference Field, ComparisonOperator Operator, MetadataValue Value) : FilterExpression;
