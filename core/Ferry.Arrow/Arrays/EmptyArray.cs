namespace Ferry.Arrow;

/// <summary>Zero-length arrays of any type (e.g. the dictionary of an all-null column whose
/// dictionary batch has not arrived yet).</summary>
internal static class EmptyArray
{
    private static readonly byte[] ZeroOffset = new byte[8];

    public static ArrowArray Create(ArrowType type) => type switch
    {
        NullType => new NullArray(0),
        BooleanType => new BooleanArray(default, 0),
        StringType s => new StringArray(s, ZeroOffset.AsMemory(0, s.IsLarge ? 8 : 4), default, 0),
        BinaryType b => new BinaryArray(b, ZeroOffset.AsMemory(0, b.IsLarge ? 8 : 4), default, 0),
        DecimalType d => new DecimalArray(d, default, 0),
        FixedSizeBinaryType f => new FixedSizeBinaryArray(f, default, 0),
        MapType m => new MapArray(m, ZeroOffset.AsMemory(0, 4), (StructArray)Create(m.EntriesField.Type), 0),
        ListType l => new ListArray(l, ZeroOffset.AsMemory(0, l.IsLarge ? 8 : 4), Create(l.ValueType), 0),
        FixedSizeListType f => new FixedSizeListArray(f, Create(f.ValueType), 0),
        StructType s => new StructArray(s, Children(s), 0),
        DictionaryType d => new DictionaryArray(d, Create(d.IndexType), Create(d.ValueType)),
        _ => PrimitiveArrays.Create(type, default, 0, default, 0),
    };

    private static ArrowArray[] Children(StructType s)
    {
        var children = new ArrowArray[s.Fields.Count];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = Create(s.Fields[i].Type);
        }

        return children;
    }
}
