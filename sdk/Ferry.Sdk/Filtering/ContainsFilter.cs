using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>Array membership: <c>field CONTAINS value</c> is true when the array field has an item equal to the value.</summary>
/// <param name="Field">The array field tested.</param>
/// <param name="Value">The item looked for.</param>
public sealed record ContainsFilter(FieldReference Field, MetadataValue Value) : FilterExpression;
