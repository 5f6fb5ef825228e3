namespace Ferry.Plugins.Files.Typing;

/// <summary>A type the <c>schema</c> option declares for a metadata field, restored on import from text formats.</summary>
internal enum FieldType
{
    /// <summary>Keep the text as a string.</summary>
    String,

    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>A double.</summary>
    Float,

    /// <summary>An exact decimal (scale kept).</summary>
    Decimal,

    /// <summary>true/false (also 1/0, yes/no).</summary>
    Bool,

    /// <summary>An ISO 8601 timestamp; without an offset it is UTC.</summary>
    Timestamp,

    /// <summary>Base64 bytes.</summary>
    Bytes,

    /// <summary>JSON text in Ferry's value encoding: arrays, objects, or any typed value.</summary>
    Json,
}
