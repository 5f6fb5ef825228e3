using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>split: a string into an array of strings at every occurrence of the separator (ordinal), items trimmed and empty ones dropped unless told otherwise.</summary>
internal sealed class SplitOperation : ValueOperation
{
    private readonly string _separator;
    private readonly bool _trim;
    private readonly bool _removeEmpty;

    public SplitOperation(string separator, bool trim, bool removeEmpty)
    {
        _separator = separator;
        _trim = trim;
        _removeEmpty = removeEmpty;
    }

    public override string Name => "split";

    public override bool KeepsStrings => false;

    public override MetadataValue Apply(MetadataValue value)
    {
        if (value.Kind != MetadataKind.String)
        {
            throw Unsupported(value, "a string");
        }

        var parts = value.AsString().Split(_separator, StringSplitOptions.None);
        var items = new List<MetadataValue>(parts.Length);
        foreach (var part in parts)
        {
            var item = _trim ? part.Trim() : part;
            if (_removeEmpty && item.Length == 0)
            {
                continue;
            }

            items.Add(MetadataValue.FromString(item));
        }

        return MetadataValue.FromArray(items);
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => MetadataKind.Array;
}
