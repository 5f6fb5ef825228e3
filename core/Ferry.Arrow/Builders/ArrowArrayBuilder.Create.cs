namespace Ferry.Arrow;

public abstract partial class ArrowArrayBuilder
{
    /// <summary>Creates the builder for any supported type, recursively for nested types.</summary>
    /// <param name="type">The array type.</param>
    /// <param name="capacity">Expected number of slots (sizes the first buffers; 0 = grow from small).</param>
    /// <exception cref="NotSupportedException">A dictionary whose values are not strings (build the
    /// <see cref="DictionaryArray"/> from two arrays instead).</exception>
    public static ArrowArrayBuilder Create(ArrowType type, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId switch
        {
            ArrowTypeId.Null => new NullArrayBuilder(),
            ArrowTypeId.Boolean => new BooleanArrayBuilder(capacity),
            ArrowTypeId.Int8 => new PrimitiveArrayBuilder<sbyte>(type, capacity),
            ArrowTypeId.Int16 => new PrimitiveArrayBuilder<short>(type, capacity),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32 => new PrimitiveArrayBuilder<int>(type, capacity),
            ArrowTypeId.Int64 or ArrowTypeId.Date64 or ArrowTypeId.Time64 or ArrowTypeId.Timestamp or ArrowTypeId.Duration
                => new PrimitiveArrayBuilder<long>(type, capacity),
            ArrowTypeId.UInt8 => new PrimitiveArrayBuilder<byte>(type, capacity),
            ArrowTypeId.UInt16 => new PrimitiveArrayBuilder<ushort>(type, capacity),
            ArrowTypeId.UInt32 => new PrimitiveArrayBuilder<uint>(type, capacity),
            ArrowTypeId.UInt64 => new PrimitiveArrayBuilder<ulong>(type, capacity),
            ArrowTypeId.Float16 => new PrimitiveArrayBuilder<Half>(type, capacity),
            ArrowTypeId.Float32 => new PrimitiveArrayBuilder<float>(type, capacity),
            ArrowTypeId.Float64 => new PrimitiveArrayBuilder<double>(type, capacity),
            ArrowTypeId.Interval => ((IntervalType)type).Unit switch
            {
                IntervalUnit.YearMonth => new PrimitiveArrayBuilder<int>(type, capacity),
                IntervalUnit.DayTime => new PrimitiveArrayBuilder<IntervalDayTime>(type, capacity),
                _ => new PrimitiveArrayBuilder<IntervalMonthDayNano>(type, capacity),
            },
            ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 => new StringArrayBuilder((StringType)type, capacity),
            ArrowTypeId.Binary or ArrowTypeId.LargeBinary => new BinaryArrayBuilder((BinaryType)type, capacity),
            ArrowTypeId.FixedSizeBinary => new FixedSizeBinaryArrayBuilder((FixedSizeBinaryType)type, capacity),
            ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256 => new DecimalArrayBuilder((DecimalType)type, capacity),
            ArrowTypeId.List or ArrowTypeId.LargeList => new ListArrayBuilder((ListType)type, capacity),
            ArrowTypeId.FixedSizeList => new FixedSizeListArrayBuilder((FixedSizeListType)type, capacity),
            ArrowTypeId.Struct => new StructArrayBuilder((StructType)type, capacity),
            ArrowTypeId.Map => new MapArrayBuilder((MapType)type, capacity),
            ArrowTypeId.Dictionary when ((DictionaryType)type).ValueType is StringType
                => new StringDictionaryArrayBuilder((DictionaryType)type, capacity),
            _ => throw new NotSupportedException($"No builder for {type}; build the array from its parts instead."),
        };
    }
}
