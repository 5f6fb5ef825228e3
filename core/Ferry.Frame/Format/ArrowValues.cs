using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>Reads one slot of a typed metadata array back into a <see cref="MetadataValue"/> (the inverse of the typed encoding).</summary>
internal static class ArrowValues
{
    public static MetadataValue ToMetadata(ArrowArray array, int row)
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
            case ArrowTypeId.Int64:
                return MetadataValue.FromInteger(((PrimitiveArray<long>)array).GetValue(row));
            case ArrowTypeId.Float64:
                return MetadataValue.FromFloat(((PrimitiveArray<double>)array).GetValue(row));
            case ArrowTypeId.Timestamp:
                var type = (TimestampType)array.Type;
                return MetadataValue.FromTimestamp(type.ToDateTimeOffset(((PrimitiveArray<long>)array).GetValue(row)));
            case ArrowTypeId.Utf8:
                return MetadataValue.FromString(((StringArray)array).GetString(row));
            case ArrowTypeId.Binary:
                return MetadataValue.FromBytes(((BinaryArray)array).GetBytes(row));
            case ArrowTypeId.List:
                var list = (ListArray)array;
                var start = list.GetValueOffset(row);
                var length = list.GetValueLength(row);
                var items = new MetadataValue[length];
                for (var i = 0; i < length; i++)
                {
                    items[i] = ToMetadata(list.Values, start + i);
                }

                return MetadataValue.FromArray(items);
            case ArrowTypeId.Struct:
                var structArray = (StructArray)array;
                var fields = structArray.StructType.Fields;
                var entries = new List<KeyValuePair<string, MetadataValue>>(fields.Count);
                for (var i = 0; i < fields.Count; i++)
                {
                    var child = structArray.GetChild(i);
                    if (!child.IsNull(row))
                    {
                        entries.Add(new(fields[i].Name, ToMetadata(child, row)));
                    }
                }

                return MetadataValue.FromObject(entries);
            default:
                throw new FrameFormatException($"A typed metadata column has Arrow type {array.Type}, which the Frame format does not use.");
        }
    }
}
