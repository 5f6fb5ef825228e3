namespace Ferry.Arrow;

/// <summary>Creates the <see cref="PrimitiveArray{T}"/> matching a fixed-width type.</summary>
internal static class PrimitiveArrays
{
    public static ArrowArray Create(ArrowType type, ReadOnlyMemory<byte> values, int length, ReadOnlyMemory<byte> validity, int nullCount) =>
        type.TypeId switch
        {
            ArrowTypeId.Int8 => new PrimitiveArray<sbyte>(type, values, length, validity, nullCount),
            ArrowTypeId.Int16 => new PrimitiveArray<short>(type, values, length, validity, nullCount),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32
                => new PrimitiveArray<int>(type, values, length, validity, nullCount),
            ArrowTypeId.Int64 or ArrowTypeId.Date64 or ArrowTypeId.Time64 or ArrowTypeId.Timestamp or ArrowTypeId.Duration
                => new PrimitiveArray<long>(type, values, length, validity, nullCount),
            ArrowTypeId.UInt8 => new PrimitiveArray<byte>(type, values, length, validity, nullCount),
            ArrowTypeId.UInt16 => new PrimitiveArray<ushort>(type, values, length, validity, nullCount),
            ArrowTypeId.UInt32 => new PrimitiveArray<uint>(type, values, length, validity, nullCount),
            ArrowTypeId.UInt64 => new PrimitiveArray<ulong>(type, values, length, validity, nullCount),
            ArrowTypeId.Float16 => new PrimitiveArray<Half>(type, values, length, validity, nullCount),
            ArrowTypeId.Float32 => new PrimitiveArray<float>(type, values, length, validity, nullCount),
            ArrowTypeId.Float64 => new PrimitiveArray<double>(type, values, length, validity, nullCount),
            ArrowTypeId.Interval => ((IntervalType)type).Unit switch
            {
                IntervalUnit.YearMonth => new PrimitiveArray<int>(type, values, length, validity, nullCount),
                IntervalUnit.DayTime => new PrimitiveArray<IntervalDayTime>(type, values, length, validity, nullCount),
                _ => new PrimitiveArray<IntervalMonthDayNano>(type, values, length, validity, nullCount),
            },
            _ => throw new InvalidOperationException($"{type} is not a primitive type."),
        };

    /// <summary>True for the types <see cref="Create"/> handles.</summary>
    public static bool IsPrimitive(ArrowType type) => type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32
        or ArrowTypeId.Int64 or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64
        or ArrowTypeId.Float16 or ArrowTypeId.Float32 or ArrowTypeId.Float64 or ArrowTypeId.Date32 or ArrowTypeId.Date64
        or ArrowTypeId.Time32 or ArrowTypeId.Time64 or ArrowTypeId.Timestamp or ArrowTypeId.Duration or ArrowTypeId.Interval;
}
