namespace Ferry.Core.Plugins.Manifest;

/// <summary>One way a JSON document breaks its schema.</summary>
/// <param name="Path">Where, as a JSON path (<c>$.provides.sources[0].name</c>).</param>
/// <param name="Message">What is wrong there.</param>
internal readonly record struct SchemaViolation(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
