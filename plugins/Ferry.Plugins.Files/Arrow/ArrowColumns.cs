namespace Ferry.Plugins.Files.Arrow;

/// <summary>Column names and field metadata of Ferry's Arrow record layout (docs/formats.md, "Arrow IPC").</summary>
internal static class ArrowColumns
{
    public const string Id = "id";
    public const string RecordType = "record_type";
    public const string Text = "text";
    public const string Title = "title";
    public const string Collection = "collection";
    public const string VectorPrefix = "vector.";
    public const string MetadataPrefix = "metadata.";
    public const string OffsetPrefix = "metadata_offset.";
    public const string Extra = "extra";

    /// <summary>Field metadata key: <c>typed</c> (an Arrow type per kind) or <c>json</c> (Ferry's JSON value encoding in utf8).</summary>
    public const string Encoding = "ferry.encoding";

    /// <summary>Field metadata key: the metadata kind of a typed column.</summary>
    public const string Kind = "ferry.kind";

    public const string SchemaFormatKey = "ferry.format";
    public const string SchemaFormat = "ferry-records";
    public const string SchemaVersionKey = "ferry.version";
}
