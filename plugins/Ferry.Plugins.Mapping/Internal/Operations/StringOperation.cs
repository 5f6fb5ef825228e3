using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>trim, lowercase and uppercase: on a string, or on every item of an array of strings.</summary>
internal sealed class StringOperation : ValueOperation
{
    private readonly Func<string, string> _apply;

    private StringOperation(string name, Func<string, string> apply)
    {
        Name = name;
        _apply = apply;
    }

    public static StringOperation Trim { get; } = new("trim", s => s.Trim());

    public static StringOperation Lowercase { get; } = new("lowercase", s => s.ToLowerInvariant());

    public static StringOperation Uppercase { get; } = new("uppercase", s => s.ToUpperInvariant());

    public override string Name { get; }

    public override bool KeepsStrings => true;

    public override MetadataValue Apply(MetadataValue value)
    {
        if (value.Kind == MetadataKind.String)
        {
            return MetadataValue.FromString(_apply(value.AsString()));
        }

        if (value.Kind == MetadataKind.Array)
        {
            var items = value.AsArray();
            var result = new MetadataValue[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                result[i] = items[i].Kind == MetadataKind.String
                    ? MetadataValue.FromString(_apply(items[i].AsString()))
                    : throw new MappingValueException($"{Name} needs strings, but item {i} of the array is {Describe(items[i])}");
            }

            return MetadataValue.FromArray(result);
        }

        throw Unsupported(value, "a string or an array of strings");
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => input;
}
