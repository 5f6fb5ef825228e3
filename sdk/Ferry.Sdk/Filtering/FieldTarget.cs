namespace Ferry.Sdk.Filtering;

/// <summary>Which part of a <see cref="Records.Record"/> a field reference names.</summary>
internal enum FieldTarget
{
    Metadata,
    Id,
    Text,
    Title,
    RecordType,
    Collection,
}
