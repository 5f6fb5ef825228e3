namespace Ferry.Core.Validation;

/// <summary>One field that differs between the source's and the target's copy of a record.</summary>
/// <param name="Field">The field path (<c>text</c>, <c>metadata.year</c>, <c>vectors.default[17]</c>).</param>
/// <param name="Expected">The source's value, rendered for reading.</param>
/// <param name="Actual">The target's value, rendered likewise.</param>
public sealed record FieldDifference(string Field, string Expected, string Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: expected {Expected}, got {Actual}";
}
