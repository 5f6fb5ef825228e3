namespace Ferry.Sdk.Records;

/// <summary>The type of a <see cref="MetadataValue"/>. A source's type must survive the trip: no silent stringification.</summary>
public enum MetadataKind
{
    /// <summary>An explicit null (distinct from an absent field).</summary>
    Null = 0,
    /// <summary>A boolean.</summary>
    Bool = 1,
    /// <summary>A 64-bit signed integer.</summary>
    Integer = 2,
    /// <summary>A 64-bit IEEE 754 floating-point number.</summary>
    Float = 3,
    /// <summary>An exact decimal number (e.g. a DynamoDB or numeric SQL value that is neither a 64-bit integer nor a double).</summary>
    Decimal = 4,
    /// <summary>A Unicode string.</summary>
    String = 5,
    /// <summary>An instant in time with its UTC offset.</summary>
    Timestamp = 6,
    /// <summary>Raw bytes.</summary>
    Bytes = 7,
    /// <summary>An ordered list of values (each keeps its own kind).</summary>
    Array = 8,
    /// <summary>A nested object: string keys to values.</summary>
    Object = 9,
}
