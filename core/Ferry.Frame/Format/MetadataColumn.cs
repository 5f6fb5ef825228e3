using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>One metadata key of a fragment: its column (typed or tagged-json) and companions (format.md, section 2.2).</summary>
internal sealed class MetadataColumn
{
    public MetadataColumn(string key, ArrowArray values, bool tagged, BooleanArray? explicitNulls, PrimitiveArray<short>? offsets)
    {
        Key = key;
        Values = values;
        Tagged = tagged;
        ExplicitNulls = explicitNulls;
        Offsets = offsets;
    }

    public string Key { get; }

    public ArrowArray Values { get; }

    public bool Tagged { get; }

    public BooleanArray? ExplicitNulls { get; }

    public PrimitiveArray<short>? Offsets { get; }

    /// <summary>The value at <paramref name="row"/>: null when absent, <see cref="MetadataValue.Null"/> when an explicit null.</summary>
    public MetadataValue? Get(int row)
    {
        if (Tagged)
        {
            return Values.IsNull(row) ? null : TaggedJson.Decode(((StringArray)Values).GetBytes(row));
        }

        if (Values.IsNull(row))
        {
            return ExplicitNulls is not null && ExplicitNulls.GetValue(row) ? MetadataValue.Null : null;
        }

        return Values.Type.TypeId == ArrowTypeId.Timestamp ? MetadataValue.FromTimestamp(Timestamp(row)) : ArrowValues.ToMetadata(Values, row);
    }

    /// <summary>
    /// Adds the value at <paramref name="row"/>, when present, to a record's checksum: the same as adding <see cref="Get"/>,
    /// but scalars go from the column to the checksum without becoming a <see cref="MetadataValue"/>.
    /// </summary>
    public void AddToChecksum(int row, RecordChecksumBuilder builder)
    {
        if (!Tagged && !Values.IsNull(row))
        {
            switch (Values.Type.TypeId)
            {
                case ArrowTypeId.Utf8:
                    builder.MetadataString(Key, ((StringArray)Values).GetBytes(row));
                    return;
                case ArrowTypeId.Int64:
                    builder.MetadataInteger(Key, ((PrimitiveArray<long>)Values).GetValue(row));
                    return;
                case ArrowTypeId.Float64:
                    builder.MetadataFloat(Key, ((PrimitiveArray<double>)Values).GetValue(row));
                    return;
                case ArrowTypeId.Boolean:
                    builder.MetadataBool(Key, ((BooleanArray)Values).GetValue(row));
                    return;
                case ArrowTypeId.Timestamp:
                    builder.MetadataTimestamp(Key, Timestamp(row));
                    return;
                case ArrowTypeId.List when ((ListArray)Values).Values is StringArray items && items.Type.TypeId == ArrowTypeId.Utf8:
                    var list = (ListArray)Values;
                    var start = list.GetValueOffset(row);
                    var length = list.GetValueLength(row);
                    builder.MetadataArray(Key, length);
                    for (var i = start; i < start + length; i++)
                    {
                        if (items.IsNull(i))
                        {
                            builder.ArrayValue(MetadataValue.Null);
                        }
                        else
                        {
                            builder.ArrayString(items.GetBytes(i));
                        }
                    }

                    return;
            }
        }

        var value = Get(row);
        if (value is not null)
        {
            builder.Metadata(Key, value);
        }
    }

    /// <summary>The timestamp at a non-null <paramref name="row"/> of a timestamp column, at its stored offset.</summary>
    private DateTimeOffset Timestamp(int row)
    {
        var instant = ((TimestampType)Values.Type).ToDateTimeOffset(((PrimitiveArray<long>)Values).GetValue(row));
        var minutes = Offsets is null ? (short)0 : Offsets.GetValue(row);
        return minutes == 0 ? instant : instant.ToOffset(TimeSpan.FromMinutes(minutes));
    }

    /// <summary>The value at a nested path (segments after the key), without decoding more than needed for typed structs.</summary>
    public MetadataValue? Walk(int row, IReadOnlyList<string> path, int start)
    {
        if (start >= path.Count)
        {
            return Get(row);
        }

        if (!Tagged && Values is StructArray structArray)
        {
            if (structArray.IsNull(row))
            {
                return null;
            }

            ArrowArray current = structArray;
            for (var i = start; i < path.Count; i++)
            {
                if (current is not StructArray s || current.IsNull(row))
                {
                    return null;
                }

                var index = s.StructType.GetFieldIndex(path[i]);
                if (index < 0)
                {
                    return null;
                }

                current = s.GetChild(index);
            }

            return current.IsNull(row) ? null : ArrowValues.ToMetadata(current, row);
        }

        var value = Get(row);
        for (var i = start; i < path.Count && value is not null; i++)
        {
            value = value.Kind == MetadataKind.Object && value.AsObject().TryGetValue(path[i], out var inner) ? inner : null;
        }

        return value;
    }
}
