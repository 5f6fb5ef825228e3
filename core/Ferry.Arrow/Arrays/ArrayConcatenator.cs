using System.Runtime.InteropServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>
/// Joins arrays of one type into one array by copying (delta dictionaries in IPC streams; the parts of a column built
/// batch by batch). Every buffer of the result comes from one allocator, so a caller can keep them off the GC heap.
/// </summary>
internal static class ArrayConcatenator
{
    /// <summary>New managed arrays (zeroed), the allocator when the caller brings none.</summary>
    public static readonly Func<int, Memory<byte>> Managed = static length => new byte[length];

    /// <summary>Appends <paramref name="b"/> to <paramref name="a"/>; for dictionary arrays the later dictionary extends the earlier one and serves both.</summary>
    public static ArrowArray Concat(ArrowArray a, ArrowArray b) =>
        b.Length == 0 ? a : Concat([a, b], Managed, laterDictionaryExtends: true);

    /// <summary>Joins <paramref name="parts"/> (all of one type) in order; buffers come from <paramref name="allocate"/>, which must return zeroed memory.</summary>
    /// <exception cref="ArgumentException">The parts differ in type, or they are dictionary arrays with different dictionaries.</exception>
    public static ArrowArray Concat(IReadOnlyList<ArrowArray> parts, Func<int, Memory<byte>> allocate) =>
        Concat(parts, allocate, laterDictionaryExtends: false);

    private static ArrowArray Concat(IReadOnlyList<ArrowArray> parts, Func<int, Memory<byte>> allocate, bool laterDictionaryExtends)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("There is nothing to concatenate.", nameof(parts));
        }

        var first = parts[0];
        long total = 0;
        foreach (var part in parts)
        {
            if (!part.Type.Equals(first.Type) || part.GetType() != first.GetType())
            {
                throw new ArgumentException($"Cannot concatenate {part.Type} to {first.Type}.", nameof(parts));
            }

            total += part.Length;
        }

        if (parts.Count == 1)
        {
            return first;
        }

        var length = checked((int)total);
        var (validity, nulls) = ConcatValidity(parts, length, allocate);
        switch (first)
        {
            case NullArray:
                return new NullArray(length);
            case BooleanArray:
                {
                    var bits = allocate(BitUtility.BytesForBits(length));
                    var at = 0;
                    foreach (BooleanArray part in parts)
                    {
                        CopyBitsAt(part.ValuesBuffer.Span, bits.Span, at, part.Length);
                        at += part.Length;
                    }

                    return new BooleanArray(bits, length, validity, nulls);
                }

            case BinaryArray x:
                {
                    var (offsets, data) = ConcatVariable(parts, x.IsLarge, allocate, static p => (((BinaryArray)p).OffsetsBuffer, ((BinaryArray)p).DataBuffer));
                    return x is StringArray
                        ? new StringArray((StringType)x.Type, offsets, data, length, validity, nulls)
                        : new BinaryArray((BinaryType)x.Type, offsets, data, length, validity, nulls);
                }

            case FixedSizeBinaryArray x:
                {
                    var data = Join(parts, allocate, static p => ((FixedSizeBinaryArray)p).DataBuffer);
                    return x is DecimalArray d
                        ? new DecimalArray(d.DecimalType, data, length, validity, nulls)
                        : new FixedSizeBinaryArray((FixedSizeBinaryType)x.Type, data, length, validity, nulls);
                }

            case ListArray x:
                {
                    var values = new ArrowArray[parts.Count];
                    var offsets = ConcatOffsets(parts, x.IsLarge, allocate, values);
                    var joined = Concat(values, allocate, laterDictionaryExtends);
                    return x is MapArray
                        ? new MapArray((MapType)x.Type, offsets, (StructArray)joined, length, validity, nulls)
                        : new ListArray((ListType)x.Type, offsets, joined, length, validity, nulls);
                }

            case FixedSizeListArray x:
                {
                    var values = new ArrowArray[parts.Count];
                    for (var i = 0; i < parts.Count; i++)
                    {
                        var part = (FixedSizeListArray)parts[i];
                        values[i] = part.Values.Slice(0, part.Length * part.ListSize);
                    }

                    return new FixedSizeListArray((FixedSizeListType)x.Type, Concat(values, allocate, laterDictionaryExtends), length, validity, nulls);
                }

            case StructArray x:
                {
                    var children = new ArrowArray[x.Children.Count];
                    var column = new ArrowArray[parts.Count];
                    for (var c = 0; c < children.Length; c++)
                    {
                        for (var i = 0; i < parts.Count; i++)
                        {
                            column[i] = ((StructArray)parts[i]).GetChild(c).Slice(0, parts[i].Length);
                        }

                        children[c] = Concat(column, allocate, laterDictionaryExtends);
                    }

                    return new StructArray(x.StructType, children, length, validity, nulls);
                }

            case DictionaryArray x:
                {
                    var indices = new ArrowArray[parts.Count];
                    for (var i = 0; i < parts.Count; i++)
                    {
                        var part = (DictionaryArray)parts[i];
                        if (!laterDictionaryExtends && !ReferenceEquals(part.Dictionary, x.Dictionary))
                        {
                            throw new ArgumentException("Dictionary-encoded arrays can be concatenated only when they share one dictionary.", nameof(parts));
                        }

                        indices[i] = part.Indices;
                    }

                    // With delta dictionaries the last dictionary extends all earlier ones, so it serves every part.
                    return new DictionaryArray(x.DictionaryType, Concat(indices, allocate, laterDictionaryExtends), ((DictionaryArray)parts[^1]).Dictionary);
                }

            case IPrimitiveArray:
                return PrimitiveArrays.Create(first.Type, Join(parts, allocate, static p => ((IPrimitiveArray)p).ValuesBuffer), length, validity, nulls);
            default:
                throw new InvalidOperationException($"Cannot concatenate {first.GetType().Name}.");
        }
    }

    private static (ReadOnlyMemory<byte>, int) ConcatValidity(IReadOnlyList<ArrowArray> parts, int length, Func<int, Memory<byte>> allocate)
    {
        var nulls = 0;
        foreach (var part in parts)
        {
            nulls += part.NullCount;
        }

        if (parts[0].Type.TypeId == ArrowTypeId.Null || nulls == 0)
        {
            return (default, 0);
        }

        var bits = allocate(BitUtility.BytesForBits(length));
        var at = 0;
        foreach (var part in parts)
        {
            if (part.NullCount == 0)
            {
                for (var i = 0; i < part.Length; i++)
                {
                    BitUtility.SetBit(bits.Span, at + i, true);
                }
            }
            else
            {
                CopyBitsAt(part.ValidityBitmap, bits.Span, at, part.Length);
            }

            at += part.Length;
        }

        return (bits, nulls);
    }

    /// <summary>Copies the first <paramref name="count"/> bits of <paramref name="source"/> to bit <paramref name="at"/> of <paramref name="destination"/> (which is zeroed there).</summary>
    private static void CopyBitsAt(ReadOnlySpan<byte> source, Span<byte> destination, int at, int count)
    {
        if ((at & 7) == 0)
        {
            BitUtility.CopyBits(source, 0, destination[(at >> 3)..], count);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (BitUtility.GetBit(source, i))
            {
                BitUtility.SetBit(destination, at + i, true);
            }
        }
    }

    private static ReadOnlyMemory<byte> Join(IReadOnlyList<ArrowArray> parts, Func<int, Memory<byte>> allocate, Func<ArrowArray, ReadOnlyMemory<byte>> buffer)
    {
        long total = 0;
        foreach (var part in parts)
        {
            total += buffer(part).Length;
        }

        var result = allocate(checked((int)total));
        var at = 0;
        foreach (var part in parts)
        {
            var span = buffer(part).Span;
            span.CopyTo(result.Span[at..]);
            at += span.Length;
        }

        return result;
    }

    private static (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data) ConcatVariable(
        IReadOnlyList<ArrowArray> parts, bool isLarge, Func<int, Memory<byte>> allocate, Func<ArrowArray, (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data)> buffers)
    {
        long total = 0;
        foreach (var part in parts)
        {
            var (offsets, _) = buffers(part);
            total += Range(offsets, part.Length, isLarge).Length;
        }

        var data = allocate(checked((int)total));
        var at = 0;
        foreach (var part in parts)
        {
            var (offsets, bytes) = buffers(part);
            var (start, count) = Range(offsets, part.Length, isLarge);
            bytes.Span.Slice(checked((int)start), checked((int)count)).CopyTo(data.Span[at..]);
            at += (int)count;
        }

        return (ConcatOffsets(parts, isLarge, allocate, values: null, buffers), data);
    }

    /// <summary>Joins the offset buffers of <paramref name="parts"/>, rebasing each onto the values before it; <paramref name="values"/> receives each list part's referenced values.</summary>
    private static ReadOnlyMemory<byte> ConcatOffsets(IReadOnlyList<ArrowArray> parts, bool isLarge, Func<int, Memory<byte>> allocate, ArrowArray[]? values,
        Func<ArrowArray, (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data)>? buffers = null)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var width = isLarge ? sizeof(long) : sizeof(int);
        var result = allocate((length + 1) * width);
        long shift = 0;
        var row = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            var offsets = buffers is null ? ((ListArray)part).OffsetsBuffer : buffers(part).Offsets;
            var (start, count) = Range(offsets, part.Length, isLarge);
            if (values is not null)
            {
                values[p] = ((ListArray)part).Values.Slice(checked((int)start), checked((int)count));
            }

            for (var i = 1; i <= part.Length; i++)
            {
                var value = ArrayOffsets.Read(offsets, i, isLarge) - start + shift;
                if (isLarge)
                {
                    MemoryMarshal.Write(result.Span[((row + i) * width)..], value);
                }
                else
                {
                    MemoryMarshal.Write(result.Span[((row + i) * width)..], checked((int)value));
                }
            }

            shift += count;
            row += part.Length;
        }

        return result;
    }

    /// <summary>The start and length of the values an offset buffer of <paramref name="length"/> slots covers.</summary>
    private static (long Start, long Length) Range(ReadOnlyMemory<byte> offsets, int length, bool isLarge)
    {
        if (offsets.IsEmpty || length == 0)
        {
            return (0, 0);
        }

        var start = ArrayOffsets.Read(offsets, 0, isLarge);
        return (start, ArrayOffsets.Read(offsets, length, isLarge) - start);
    }
}
