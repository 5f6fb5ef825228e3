using System.Text;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>join: an array into one string with the separator between items; scalar items are written as to_string writes them.</summary>
internal sealed class JoinOperation : ValueOperation
{
    private readonly string _separator;

    public JoinOperation(string separator)
    {
        _separator = separator;
    }

    public override string Name => "join";

    public override bool KeepsStrings => false;

    public override MetadataValue Apply(MetadataValue value)
    {
        if (value.Kind != MetadataKind.Array)
        {
            throw Unsupported(value, "an array");
        }

        var items = value.AsArray();
        var builder = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (!ValueText.TryFormat(items[i], null, out var text))
            {
                throw new MappingValueException($"join needs scalar items (string, number, bool, timestamp), but item {i} is {Describe(items[i])}");
            }

            if (i > 0)
            {
                builder.Append(_separator);
            }

            builder.Append(text);
        }

        return MetadataValue.FromString(builder.ToString());
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => MetadataKind.String;
}
