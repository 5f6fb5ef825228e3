using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// A field's value as a reader found it: a record's own string fields come as <see cref="Text"/> (no
/// <see cref="MetadataValue"/> is allocated for them), everything else as <see cref="Value"/>. Both null: absent.
/// </summary>
internal readonly struct FieldRead
{
    public FieldRead(MetadataValue? value, string? text)
    {
        Value = value;
        Text = text;
    }

    public MetadataValue? Value { get; }

    public string? Text { get; }

    /// <summary>True when the field is absent or an explicit null.</summary>
    public bool IsNull => Text is null && (Value is null || Value.IsNull);
}
