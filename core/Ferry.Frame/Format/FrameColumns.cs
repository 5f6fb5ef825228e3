namespace Ferry.Frame.Format;

/// <summary>Column names and Arrow metadata keys of a fragment (format.md, section 2.1).</summary>
internal static class FrameColumns
{
    public const string Id = "id";
    public const string RecordType = "record_type";
    public const string Text = "text";
    public const string Title = "title";
    public const string Collection = "collection";
    public const string Source = "source";
    public const string Relationships = "relationships";
    public const string VectorPrefix = "vector.";
    public const string SparsePrefix = "sparse.";
    public const string MetadataPrefix = "metadata.";
    public const string MetadataNullPrefix = "metadata_null.";
    public const string MetadataOffsetPrefix = "metadata_offset.";

    public const string EncodingKey = "ferry.encoding";
    public const string EncodingTyped = "typed";
    public const string EncodingTaggedJson = "tagged-json";
    public const string FormatVersionKey = "ferry.frame.format_version";

    public const string SourceSystem = "system";
    public const string SourceLocation = "location";
    public const string SourceOriginalId = "original_id";
    public const string RelationshipKind = "kind";
    public const string RelationshipTarget = "target";
    public const string SparseIndex = "index";
    public const string SparseValue = "value";
    public const string DeletionRow = "row";
}
