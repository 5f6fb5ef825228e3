using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>to_string: a scalar (string, integer, float, decimal, bool, timestamp) as text, see <see cref="ValueText"/>.</summary>
internal sealed class ToStringOperation : ValueOperation
{
    private readonly string? _format;

    public ToStringOperation(string? format)
    {
        _format = format;
    }

    public override string Name => "to_string";

    public override bool KeepsStrings => true;

    public override MetadataValue Apply(MetadataValue value)
    {
        string text;
        try
        {
            if (!ValueText.TryFormat(value, _format, out text))
            {
                throw Unsupported(value, "a scalar (string, number, bool or timestamp; use join for arrays)");
            }
        }
        catch (FormatException e)
        {
            throw new MappingValueException($"format '{_format}' is not a .NET format for {value.Kind} values", e);
        }

        return MetadataValue.FromString(text);
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => MetadataKind.String;
}
