using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow.Ipc;

/// <summary>
/// Rebuilds arrays from a record batch's field nodes and buffers, slicing the body without copying.
/// Every node, buffer and offset is checked before use, so corrupt input raises
/// <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ArrayLoader
{
    private readonly ReadOnlyMemory<byte> _nodes;
    private readonly int _nodeCount;
    private readonly ReadOnlyMemory<byte> _buffers;
    private readonly int _bufferCount;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly IpcDecoder _decoder;
    private readonly bool _validate;
    private int _nextNode;
    private int _nextBuffer;

    public ArrayLoader(ReadOnlyMemory<byte> nodes, int nodeCount, ReadOnlyMemory<byte> buffers, int bufferCount,
        ReadOnlyMemory<byte> body, IpcDecoder decoder, bool validate)
    {
        _nodes = nodes;
        _nodeCount = nodeCount;
        _buffers = buffers;
        _bufferCount = bufferCount;
        _body = body;
        _decoder = decoder;
        _validate = validate;
    }

    public ArrowArray Load(Field field, string path)
    {
        var (length, nullCount) = NextNode(path);
        var type = field.Type;
        switch (type.TypeId)
        {
            case ArrowTypeId.Null:
                return new NullArray(length);
            case ArrowTypeId.Boolean:
                {
                    var validity = Validity(length, nullCount, path);
                    var values = Buffer(BitUtility.BytesForBits(length), path, "values");
                    return new BooleanArray(values, length, validity, nullCount);
                }

            case ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 or ArrowTypeId.Binary or ArrowTypeId.LargeBinary:
                {
                    var isLarge = type.TypeId is ArrowTypeId.LargeUtf8 or ArrowTypeId.LargeBinary;
                    var validity = Validity(length, nullCount, path);
                    var offsets = Offsets(length, isLarge, path);
                    var data = NextBuffer(path);
                    CheckOffsets(offsets, length, isLarge, data.Length, path, "data bytes");
                    return type is StringType s
                        ? new StringArray(s, offsets, data, length, validity, nullCount)
                        : new BinaryArray((BinaryType)type, offsets, data, length, validity, nullCount);
                }

            case ArrowTypeId.FixedSizeBinary or ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256:
                {
                    var validity = Validity(length, nullCount, path);
                    var data = Buffer((long)length * type.ByteWidth, path, "values");
                    return type is DecimalType d
                        ? new DecimalArray(d, data, length, validity, nullCount)
                        : new FixedSizeBinaryArray((FixedSizeBinaryType)type, data, length, validity, nullCount);
                }

            case ArrowTypeId.List or ArrowTypeId.LargeList or ArrowTypeId.Map:
                {
                    var isLarge = type.TypeId == ArrowTypeId.LargeList;
                    var validity = Validity(length, nullCount, path);
                    var offsets = Offsets(length, isLarge, path);
                    var childField = type.Children[0];
                    var values = Load(childField, path + "." + childField.Name);
                    CheckOffsets(offsets, length, isLarge, values.Length, path, "child values");
                    return type is MapType m
                        ? new MapArray(m, offsets, (StructArray)values, length, validity, nullCount)
                        : new ListArray((ListType)type, offsets, values, length, validity, nullCount);
                }

            case ArrowTypeId.FixedSizeList:
                {
                    var fsl = (FixedSizeListType)type;
                    var validity = Validity(length, nullCount, path);
                    var values = Load(fsl.ValueField, path + "." + fsl.ValueField.Name);
                    if (values.Length < (long)length * fsl.ListSize)
                    {
                        throw IpcErrors.Invalid($"fixed-size list '{path}' has {values.Length} child values; {(long)length * fsl.ListSize} needed.");
                    }

                    // Trim a longer child so every consumer sees exactly length × size values.
                    if (values.Length > (long)length * fsl.ListSize)
                    {
                        values = values.Slice(0, length * fsl.ListSize);
                    }

                    return new FixedSizeListArray(fsl, values, length, validity, nullCount);
                }

            case ArrowTypeId.Struct:
                {
                    var st = (StructType)type;
                    var validity = Validity(length, nullCount, path);
                    var children = new ArrowArray[st.Fields.Count];
                    for (var i = 0; i < children.Length; i++)
                    {
                        var f = st.Fields[i];
                        children[i] = Load(f, path + "." + f.Name);
                        if (children[i].Length < length)
                        {
                            throw IpcErrors.Invalid($"struct member '{path}.{f.Name}' has {children[i].Length} values; the struct has {length}.");
                        }

                        if (children[i].Length > length)
                        {
                            children[i] = children[i].Slice(0, length);
                        }
                    }

                    return new StructArray(st, children, length, validity, nullCount);
                }

            case ArrowTypeId.Dictionary:
                {
                    var dt = (DictionaryType)type;
                    var validity = Validity(length, nullCount, path);
                    var values = Buffer((long)length * dt.IndexType.ByteWidth, path, "indices");
                    var indices = PrimitiveArrays.Create(dt.IndexType, values, length, validity, nullCount);
                    var dictionary = _decoder.GetDictionary(field, dt, nullCount == length, path);
                    if (_validate)
                    {
                        CheckIndices(indices, dictionary.Length, path);
                    }

                    return new DictionaryArray(dt, indices, dictionary);
                }

            default:
                {
                    var validity = Validity(length, nullCount, path);
                    var values = Buffer((long)length * type.ByteWidth, path, "values");
                    return PrimitiveArrays.Create(type, values, length, validity, nullCount);
                }
        }
    }

    private (int Length, int NullCount) NextNode(string path)
    {
        if (_nextNode >= _nodeCount)
        {
            throw IpcErrors.Invalid($"the record batch has too few field nodes (ran out at '{path}').");
        }

        var span = _nodes.Span.Slice(_nextNode++ * Fb.FieldNodeSize, Fb.FieldNodeSize);
        var length = BinaryPrimitives.ReadInt64LittleEndian(span);
        var nulls = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        if (length < 0 || length > int.MaxValue)
        {
            throw length < 0
                ? IpcErrors.Invalid($"field '{path}' has negative length {length}.")
                : new ArrowNotSupportedException($"Field '{path}' has {length} values in one batch; Ferry.Arrow supports up to {int.MaxValue}.");
        }

        if (nulls < 0 || nulls > length)
        {
            throw IpcErrors.Invalid($"field '{path}' has null count {nulls} for length {length}.");
        }

        return ((int)length, (int)nulls);
    }

    private ReadOnlyMemory<byte> NextBuffer(string path)
    {
        if (_nextBuffer >= _bufferCount)
        {
            throw IpcErrors.Invalid($"the record batch has too few buffers (ran out at '{path}').");
        }

        var span = _buffers.Span.Slice(_nextBuffer++ * Fb.BufferSize, Fb.BufferSize);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(span);
        var length = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        if (offset < 0 || length < 0 || offset > _body.Length || length > _body.Length - offset)
        {
            throw IpcErrors.Invalid($"a buffer of field '{path}' (offset {offset}, length {length}) lies outside the {_body.Length}-byte message body.");
        }

        return _body.Slice((int)offset, (int)length);
    }

    private ReadOnlyMemory<byte> Buffer(long minimumLength, string path, string what)
    {
        var buffer = NextBuffer(path);
        if (buffer.Length < minimumLength)
        {
            throw IpcErrors.Invalid($"the {what} buffer of field '{path}' has {buffer.Length} bytes; {minimumLength} needed.");
        }

        return buffer;
    }

    private ReadOnlyMemory<byte> Validity(int length, int nullCount, string path)
    {
        var buffer = NextBuffer(path);
        if (nullCount == 0)
        {
            return default;
        }

        if (buffer.Length < BitUtility.BytesForBits(length))
        {
            throw IpcErrors.Invalid($"field '{path}' has {nullCount} nulls but its validity bitmap has {buffer.Length} bytes for {length} values.");
        }

        return buffer;
    }

    private ReadOnlyMemory<byte> Offsets(int length, bool isLarge, string path)
    {
        var buffer = NextBuffer(path);
        var width = isLarge ? 8 : 4;
        if (length == 0)
        {
            return buffer.Length >= width ? buffer[..width] : default;
        }

        if (buffer.Length < (length + 1L) * width)
        {
            throw IpcErrors.Invalid($"the offsets buffer of field '{path}' has {buffer.Length} bytes; {(length + 1L) * width} needed.");
        }

        return buffer;
    }

    private void CheckOffsets(ReadOnlyMemory<byte> offsets, int length, bool isLarge, long limit, string path, string what)
    {
        if (length == 0)
        {
            return;
        }

        // First and last are always checked (so no later access can leave the data); the rest only
        // when validating, as a corrupt middle offset then surfaces as an argument error on access.
        if (isLarge)
        {
            var o = MemoryMarshal.Cast<byte, long>(offsets.Span)[..(length + 1)];
            if (o[0] < 0 || o[length] > limit || o[0] > o[length])
            {
                throw BadOffsets(path, what, o[0], o[length], limit);
            }

            if (_validate)
            {
                for (var i = 0; i < length; i++)
                {
                    if (o[i] > o[i + 1])
                    {
                        throw IpcErrors.Invalid($"the offsets of field '{path}' decrease at slot {i}.");
                    }
                }
            }
        }
        else
        {
            var o = MemoryMarshal.Cast<byte, int>(offsets.Span)[..(length + 1)];
            if (o[0] < 0 || o[length] > limit || o[0] > o[length])
            {
                throw BadOffsets(path, what, o[0], o[length], limit);
            }

            if (_validate)
            {
                for (var i = 0; i < length; i++)
                {
                    if (o[i] > o[i + 1])
                    {
                        throw IpcErrors.Invalid($"the offsets of field '{path}' decrease at slot {i}.");
                    }
                }
            }
        }
    }

    private static InvalidDataException BadOffsets(string path, string what, long first, long last, long limit) =>
        IpcErrors.Invalid($"the offsets of field '{path}' run from {first} to {last}, outside the {limit} {what}.");

    private static void CheckIndices(ArrowArray indices, int dictionaryLength, string path)
    {
        switch (indices)
        {
            case PrimitiveArray<sbyte> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<byte> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<short> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<ushort> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<int> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<uint> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<long> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            case PrimitiveArray<ulong> a: CheckIndices(a, a.Values, dictionaryLength, path); break;
            default: throw new InvalidOperationException("Dictionary indices must be a primitive integer array.");
        }
    }

    private static void CheckIndices<T>(ArrowArray indices, ReadOnlySpan<T> values, int dictionaryLength, string path)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var limit = T.CreateSaturating(dictionaryLength);
        var hasNulls = indices.NullCount > 0;
        var validity = indices.ValidityBitmap;
        for (var i = 0; i < values.Length; i++)
        {
            var index = values[i];
            if ((T.IsNegative(index) || index >= limit) && (!hasNulls || BitUtility.GetBit(validity, i)))
            {
                throw IpcErrors.Invalid($"dictionary index {index} at slot {i} of field '{path}' is outside the {dictionaryLength}-value dictionary.");
            }
        }
    }
}
