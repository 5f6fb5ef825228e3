namespace Ferry.Arrow;

/// <summary>Identifies the logical type of an <see cref="ArrowType"/>.</summary>
public enum ArrowTypeId
{
    /// <summary>All values null; no buffers.</summary>
    Null,
    /// <summary>Bit-packed booleans.</summary>
    Boolean,
    /// <summary>Signed 8-bit integer.</summary>
    Int8,
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>Signed 64-bit integer.</summary>
    Int64,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>IEEE 754 half precision (<see cref="Half"/>).</summary>
    Float16,
    /// <summary>IEEE 754 single precision.</summary>
    Float32,
    /// <summary>IEEE 754 double precision.</summary>
    Float64,
    /// <summary>UTF-8 strings with 32-bit offsets.</summary>
    Utf8,
    /// <summary>UTF-8 strings with 64-bit offsets.</summary>
    LargeUtf8,
    /// <summary>Opaque bytes with 32-bit offsets.</summary>
    Binary,
    /// <summary>Opaque bytes with 64-bit offsets.</summary>
    LargeBinary,
    /// <summary>Opaque bytes of a fixed width.</summary>
    FixedSizeBinary,
    /// <summary>Days since the UNIX epoch, 32-bit.</summary>
    Date32,
    /// <summary>Milliseconds since the UNIX epoch, 64-bit.</summary>
    Date64,
    /// <summary>Time of day in seconds or milliseconds, 32-bit.</summary>
    Time32,
    /// <summary>Time of day in microseconds or nanoseconds, 64-bit.</summary>
    Time64,
    /// <summary>Instant (or wall-clock time without a time zone) since the UNIX epoch, 64-bit.</summary>
    Timestamp,
    /// <summary>Elapsed time in a <see cref="TimeUnit"/>, 64-bit.</summary>
    Duration,
    /// <summary>Calendar interval (year-month, day-time or month-day-nano).</summary>
    Interval,
    /// <summary>Fixed-point decimal stored as a 128-bit two's complement integer.</summary>
    Decimal128,
    /// <summary>Fixed-point decimal stored as a 256-bit two's complement integer.</summary>
    Decimal256,
    /// <summary>Variable-size list with 32-bit offsets.</summary>
    List,
    /// <summary>Variable-size list with 64-bit offsets.</summary>
    LargeList,
    /// <summary>List with a fixed number of values per slot (e.g. embedding vectors).</summary>
    FixedSizeList,
    /// <summary>Named child fields.</summary>
    Struct,
    /// <summary>List of key/value entries.</summary>
    Map,
    /// <summary>Integer indices into a dictionary of values.</summary>
    Dictionary,
}
