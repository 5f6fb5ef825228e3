using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>
/// Arrow values of any column as metadata values, for files other tools wrote: integers of every width (uint64 beyond
/// int64 as decimal), floats (float16/32 widened), bool, utf8, binary, dates and timestamps (any unit; a time zone
/// or UTC), decimals, lists, structs, maps (string keys) and dictionaries (decoded).
/// </summary>
internal static class ArrowValues
{
    public static MetadataValue Get(ArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return MetadataValue.Null;
        }

        switch (array.Type.TypeId)
        {
            case ArrowTypeId.Null:
                return MetadataValue.Null;
            case ArrowTypeId.Boolean:
                return MetadataValue.FromBool(((BooleanArray)array).GetValue(row));
            case ArrowTypeId.Int8:
                return MetadataValue.FromInteger(((PrimitiveArray<sbyte>)array).GetValue(row));
            case ArrowTypeId.Int16:
                return MetadataValue.FromInteger(((PrimitiveArray<short>)array).GetValue(row));
            case ArrowTypeId.Int32:
                return MetadataValue.FromInteger(((PrimitiveArray<int>)array).GetValue(row));
            case ArrowTypeId.Int64:
                return MetadataValue.FromInteger(((PrimitiveArray<long>)array).GetValue(row));
            case ArrowTypeId.UInt8:
                return MetadataValue.FromInteger(((PrimitiveArray<byte>)array).GetValue(row));
            case ArrowTypeId.UInt16:
                return MetadataValue.FromInteger(((PrimitiveArray<ushort>)array).GetValue(row));
            case ArrowTypeId.UInt32:
                return MetadataValue.FromInteger(((PrimitiveArray<uint>)array).GetValue(row));
            case ArrowTypeId.UInt64:
                var unsigned = ((PrimitiveArray<ulong>)array).GetValue(row);
                return unsigned <= long.MaxValue ? MetadataValue.FromInteger((long)unsigned) : MetadataValue.FromDecimal(unsigned);
            case ArrowTypeId.Float16:
                return MetadataValue.FromFloat((double)((PrimitiveArray<Half>)array).GetValue(row));
            case ArrowTypeId.Float32:
                return MetadataValue.FromFloat(((PrimitiveArray<float>)array).GetValue(row));
            case ArrowTypeId.Float64:
                return MetadataValue.FromFloat(((PrimitiveArray<double>)array).GetValue(row));
            case ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8:
                return MetadataValue.FromString(((StringArray)array).GetString(row));
            case ArrowTypeId.Binary or ArrowTypeId.LargeBinary:
                return MetadataValue.FromBytes(((BinaryArray)array).GetBytes(row));
            case ArrowTypeId.FixedSizeBinary:
                return MetadataValue.FromBytes(((FixedSizeBinaryArray)array).GetBytes(row));
            case ArrowTypeId.Date32:
                return MetadataValue.FromTimestamp(DateTimeOffset.UnixEpoch.AddDays(((PrimitiveArray<int>)array).GetValue(row)));
            case ArrowTypeId.Date64:
                return MetadataValue.FromTimestamp(DateTimeOffset.UnixEpoch.AddMilliseconds(((PrimitiveArray<long>)array).GetValue(row)));
            case ArrowTypeId.Timestamp:
                return MetadataValue.FromTimestamp(((TimestampType)array.Type).ToDateTimeOffset(((PrimitiveArray<long>)array).GetValue(row)));
            case ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256:
                var decimals = (DecimalArray)array;
                try
                {
                    return MetadataValue.FromDecimal(decimals.GetDecimal(row));
                }
                catch (OverflowException)
                {
                    // Wider than System.Decimal: keep the exact digits as text.
                    return MetadataValue.FromString(decimals.GetString(row));
                }

            case ArrowTypeId.List or ArrowTypeId.LargeList or ArrowTypeId.Map:
                var list = (ListArray)array;
                var start = list.GetValueOffset(row);
                var length = list.GetValueLength(row);
                if (array is MapArray map)
                {
                    var entries = new List<KeyValuePair<string, MetadataValue>>(length);
                    for (var i = start; i < start + length; i++)
                    {
                        entries.Add(KeyValuePair.Create(Get(map.Keys, i).ToString().Trim('"'), Get(map.Items, i)));
                    }

                    return MetadataValue.FromObject(entries);
                }

                var items = new MetadataValue[length];
                for (var i = 0; i < length; i++)
                {
                    items[i] = Get(list.Values, start + i);
                }

                return MetadataValue.FromArray(items);
            case ArrowTypeId.FixedSizeList:
                var fixedList = (FixedSizeListArray)array;
                var values = new MetadataValue[fixedList.ListSize];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Get(fixedList.Values, (row * fixedList.ListSize) + i);
                }

                return MetadataValue.FromArray(values);
            case ArrowTypeId.Struct:
                var structs = (StructArray)array;
                var fields = new List<KeyValuePair<string, MetadataValue>>(structs.Children.Count);
                for (var i = 0; i < structs.Children.Count; i++)
                {
                    if (!structs.Children[i].IsNull(row))
                    {
                        fields.Add(KeyValuePair.Create(structs.StructType.Fields[i].Name, Get(structs.Children[i], row)));
                    }
                }

                return MetadataValue.FromObject(fields);
            case ArrowTypeId.Dictionary:
                var dictionary = (DictionaryArray)array;
                return Get(dictionary.Dictionary, checked((int)dictionary.GetIndex(row)));
            default:
                throw new FormatException($"Arrow type {array.Type} is not supported as a metadata value");
        }
    }

    /// <summary>A float vector from a fixed-size or variable list of float32 (or float64/float16, narrowed) at a row, or null.</summary>
    public static float[]? Vector(ArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return null;
        }

        ArrowArray values;
        int start, length;
        switch (array)
        {
            case FixedSizeListArray fixedList:
                if (fixedList.Values.Type.TypeId == ArrowTypeId.Float32)
                {
                    return fixedList.GetValues<float>(row).ToArray();
                }

                values = fixedList.Values;
                start = row * fixedList.ListSize;
                length = fixedList.ListSize;
                break;
            case ListArray list:
                values = list.Values;
                start = list.GetValueOffset(row);
                length = list.GetValueLength(row);
                break;
            default:
                throw new FormatException($"a vector column must be a list of floats, not {array.Type}");
        }

        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = values switch
            {
                PrimitiveArray<float> f => f.GetValue(start + i),
                PrimitiveArray<double> d => (float)d.GetValue(start + i),
                PrimitiveArray<Half> h => (float)h.GetValue(start + i),
                _ => throw new FormatException($"a vector column must hold floats, not {values.Type}"),
            };
        }

        return result;
    }

    /// <summary>Whether a column type can hold vectors (a list of floats).</summary>
    public static bool IsVectorType(ArrowType type) => type switch
    {
        FixedSizeListType f => f.ValueType.TypeId is ArrowTypeId.Float32 or ArrowTypeId.Float64 or ArrowTypeId.Float16,
        ListType l => l.ValueType.TypeId is ArrowTypeId.Float32 or ArrowTypeId.Float64 or ArrowTypeId.Float16,
        _ => false,
    };

}
