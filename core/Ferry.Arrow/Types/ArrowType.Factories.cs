namespace Ferry.Arrow;

public abstract partial class ArrowType
{
    /// <summary>The null type.</summary>
    public static NullType Null { get; } = new();

    /// <summary>The boolean type.</summary>
    public static BooleanType Boolean { get; } = new();

    /// <summary>Signed 8-bit integer.</summary>
    public static IntType Int8 { get; } = new(8, true);

    /// <summary>Signed 16-bit integer.</summary>
    public static IntType Int16 { get; } = new(16, true);

    /// <summary>Signed 32-bit integer.</summary>
    public static IntType Int32 { get; } = new(32, true);

    /// <summary>Signed 64-bit integer.</summary>
    public static IntType Int64 { get; } = new(64, true);

    /// <summary>Unsigned 8-bit integer.</summary>
    public static IntType UInt8 { get; } = new(8, false);

    /// <summary>Unsigned 16-bit integer.</summary>
    public static IntType UInt16 { get; } = new(16, false);

    /// <summary>Unsigned 32-bit integer.</summary>
    public static IntType UInt32 { get; } = new(32, false);

    /// <summary>Unsigned 64-bit integer.</summary>
    public static IntType UInt64 { get; } = new(64, false);

    /// <summary>Half-precision float.</summary>
    public static FloatingPointType Float16 { get; } = new(FloatPrecision.Half);

    /// <summary>Single-precision float.</summary>
    public static FloatingPointType Float32 { get; } = new(FloatPrecision.Single);

    /// <summary>Double-precision float.</summary>
    public static FloatingPointType Float64 { get; } = new(FloatPrecision.Double);

    /// <summary>UTF-8 string with 32-bit offsets.</summary>
    public static StringType Utf8 { get; } = new(false);

    /// <summary>UTF-8 string with 64-bit offsets.</summary>
    public static StringType LargeUtf8 { get; } = new(true);

    /// <summary>Binary with 32-bit offsets.</summary>
    public static BinaryType Binary { get; } = new(false);

    /// <summary>Binary with 64-bit offsets.</summary>
    public static BinaryType LargeBinary { get; } = new(true);

    /// <summary>Days since the epoch (int32).</summary>
    public static DateType Date32 { get; } = new(DateUnit.Day);

    /// <summary>Milliseconds since the epoch (int64).</summary>
    public static DateType Date64 { get; } = new(DateUnit.Millisecond);

    /// <summary>A timestamp type.</summary>
    /// <param name="unit">Resolution of the stored int64.</param>
    /// <param name="timeZone">IANA name or offset such as <c>UTC</c> or <c>+02:00</c>; null for wall-clock time.</param>
    public static TimestampType Timestamp(TimeUnit unit, string? timeZone = null) => new(unit, timeZone);

    /// <summary>A list type whose values have the given type (child field named <c>item</c>, nullable).</summary>
    public static ListType List(ArrowType valueType) => new(new Field("item", valueType, true), false);

    /// <summary>A large-list type (64-bit offsets) whose values have the given type.</summary>
    public static ListType LargeList(ArrowType valueType) => new(new Field("item", valueType, true), true);

    /// <summary>A fixed-size list type, e.g. <c>FixedSizeList(Float32, 384)</c> for embedding vectors.</summary>
    public static FixedSizeListType FixedSizeList(ArrowType valueType, int listSize) =>
        new(new Field("item", valueType, true), listSize);

    /// <summary>A struct type.</summary>
    public static StructType Struct(params IReadOnlyList<Field> fields) => new(fields);

    /// <summary>A map type with the canonical <c>entries</c>/<c>key</c>/<c>value</c> field names.</summary>
    public static MapType Map(ArrowType keyType, ArrowType valueType, bool keysSorted = false) =>
        MapType.Create(keyType, valueType, keysSorted);

    /// <summary>A dictionary-encoded type.</summary>
    public static DictionaryType Dictionary(IntType indexType, ArrowType valueType, bool isOrdered = false) =>
        new(indexType, valueType, isOrdered);
}
