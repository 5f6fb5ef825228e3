using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary><c>field [NOT] IN (v1, v2, …)</c>.</summary>
/// <param name="Field">The field tested.</param>
/// <param name="Values">The candidate literals.</param>
/// <param name="Negated">True for <c>NOT IN</c>.</param>
public sealed record InFilter(FieldReference Field, IReadOnlyList<MetadataValue> Values, bool Negated) : FilterExpression
{
    /// <inheritdoc />
    public bool Equals(InFilter? other) =>
        other is not null && Field.Equals(other.Field) && Negated == other.Negated && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Field, Negated, Values.Count);
}
