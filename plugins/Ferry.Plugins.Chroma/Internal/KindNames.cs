using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>The kind names used in <c>_ferry_types</c> and in tagged values (lower case, stable: they are stored data).</summary>
internal static class KindNames
{
    /// <summary>The kind name of a sparse vector stored in metadata (not a metadata kind of its own in Ferry).</summary>
    public const string Sparse = "sparse";

    public static string Name(MetadataKind kind) => kind switch
    {
        MetadataKind.Null => "null",
        MetadataKind.Bool => "bool",
        MetadataKind.Integer => "integer",
        MetadataKind.Float => "float",
        MetadataKind.Decimal => "decimal",
        MetadataKind.String => "string",
        MetadataKind.Timestamp => "timestamp",
        MetadataKind.Bytes => "bytes",
        MetadataKind.Array => "array",
        MetadataKind.Object => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown metadata kind."),
    };

    public static MetadataKind? Parse(string name) => name switch
    {
        "null" => MetadataKind.Null,
        "bool" => MetadataKind.Bool,
        "integer" => MetadataKind.Integer,
        "float" => MetadataKind.Float,
        "decimal" => MetadataKind.Decimal,
        "string" => MetadataKind.String,
        "timestamp" => MetadataKind.Timestamp,
        "bytes" => MetadataKind.Bytes,
        "array" => MetadataKind.Array,
        "object" => MetadataKind.Object,
        _ => null,
    };
}
