using Ferry.Plugins.Mapping.Internal.Operations;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>
/// A record's mappable fields while a mapping runs: id, text, title and a copy of the metadata. The record itself is
/// changed only when the whole mapping succeeded, so a failed record goes to the dead-letter file as it came in.
/// </summary>
internal sealed class MappingState
{
    private string _id;
    private string? _text;
    private string? _title;
    private readonly Dictionary<string, MetadataValue> _metadata;

    public MappingState(Record record)
    {
        _id = record.Id;
        _text = record.Text;
        _title = record.Title;
        _metadata = new Dictionary<string, MetadataValue>(record.Metadata, StringComparer.Ordinal);
    }

    /// <summary>The value, or <c>null</c> when the field is absent (a record field without a value is absent).</summary>
    public MetadataValue? Get(FieldRef field) => field.Kind switch
    {
        FieldKind.Id => MetadataValue.FromString(_id),
        FieldKind.Text => _text is null ? null : MetadataValue.FromString(_text),
        FieldKind.Title => _title is null ? null : MetadataValue.FromString(_title),
        _ => _metadata.TryGetValue(field.Key, out var value) ? value : null,
    };

    /// <summary>Sets a field; id, text and title take strings (text and title also null).</summary>
    public void Set(FieldRef field, MetadataValue value)
    {
        switch (field.Kind)
        {
            case FieldKind.Id:
                _id = value is { Kind: MetadataKind.String } && value.AsString().Length > 0
                    ? value.AsString()
                    : throw new MappingValueException($"the id must be a non-empty string, got {ValueOperation.Describe(value)}");
                break;
            case FieldKind.Text:
                _text = StringOrNull(field, value);
                break;
            case FieldKind.Title:
                _title = StringOrNull(field, value);
                break;
            default:
                _metadata[field.Key] = value;
                break;
        }
    }

    public void Remove(FieldRef field)
    {
        switch (field.Kind)
        {
            case FieldKind.Text: _text = null; break;
            case FieldKind.Title: _title = null; break;
            case FieldKind.Metadata: _metadata.Remove(field.Key); break;
            default: throw new InvalidOperationException("The id cannot be removed.");
        }
    }

    /// <summary>Drops the metadata keys the spec does not keep.</summary>
    public void Filter(MappingSpec spec)
    {
        List<string>? dropped = null;
        foreach (var key in _metadata.Keys)
        {
            if (!spec.Keeps(key))
            {
                (dropped ??= []).Add(key);
            }
        }

        if (dropped is not null)
        {
            foreach (var key in dropped)
            {
                _metadata.Remove(key);
            }
        }
    }

    public void CommitTo(Record record)
    {
        record.Id = _id;
        record.Text = _text;
        record.Title = _title;
        record.Metadata.Clear();
        foreach (var (key, value) in _metadata)
        {
            record.Metadata[key] = value;
        }
    }

    private static string? StringOrNull(FieldRef field, MetadataValue value) => value.Kind switch
    {
        MetadataKind.String => value.AsString(),
        MetadataKind.Null => null,
        _ => throw new MappingValueException($"{field} takes a string, got {ValueOperation.Describe(value)} (convert it in the source, or rename it to a metadata key and use to_string)"),
    };
}
