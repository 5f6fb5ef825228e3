using System.Runtime.InteropServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Appends one array to another of the same type by copying (used for delta dictionaries).</summary>
internal static class ArrayConcatenator
{
    public static ArrowArray Concat(ArrowArray a, ArrowArray b)
    {
        if (b.Length == 0)
        {
            return a;
        }

        var length = checked(a.Length + b.Length);
        var (validity, nulls) = ConcatValidity(a, b);
        switch (a)
        {
            case NullArray:
                return new NullArray(length);
            case BooleanArray x:
                {
                    var y = (BooleanArray)b;
                    return new BooleanArray(ConcatBits(x.ValuesBuffer.Span, x.Length, y.ValuesBuffer.Span, y.Length), length, validity, nulls);
                }

            case BinaryArray x:
                {
                    var y = (BinaryArray)b;
                    var (offsets, data) = ConcatVariable(x.OffsetsBuffer, x.DataBuffer, x.Length, y.OffsetsBuffer, y.DataBuffer, y.Length, x.IsLarge);
                    return x is StringArray
                        ? new StringArray((StringType)a.Type, offsets, data, length, validity, nulls)
                        : new BinaryArray((BinaryType)a.Type, offsets, data, length, validity, nulls);
                }

            case FixedSizeBinaryArray x:
                {
                    var data = Join(x.DataBuffer.Span, ((FixedSizeBinaryArray)b).DataBuffer.Span);
                    return x is DecimalArray d
                        ? new DecimalArray(d.DecimalType, data, length, validity, nulls)
                        : new FixedSizeBinaryArray((FixedSizeBinaryType)a.Type, data, length, validity, nulls);
                }

            case ListArray x:
                {
                    var y = (ListArray)b;
                    var (xo, xs, xe) = ArrayOffsets.Rebase(x.OffsetsBuffer, 0, x.Length, x.IsLarge);
                    var (yo, ys, ye) = ArrayOffsets.Rebase(y.OffsetsBuffer, 0, y.Length, y.IsLarge);
                    var values = Concat(x.Values.Slice((int)xs, (int)(xe - xs)), y.Values.Slice((int)ys, (int)(ye - ys)));
                    var offsets = ConcatOffsets(xo, x.Length, yo, y.Length, xe - xs, x.IsLarge);
                    return x is MapArray
                        ? new MapArray((MapType)a.Type, offsets, (StructArray)values, length, validity, nulls)
                        : new ListArray((ListType)a.Type, offsets, values, length, validity, nulls);
                }

            case FixedSizeListArray x:
                {
                    var y = (FixedSizeListArray)b;
                    var values = Concat(x.Values.Slice(0, x.Length * x.ListSize), y.Values.Slice(0, y.Length * y.ListSize));
                    return new FixedSizeListArray((FixedSizeListType)a.Type, values, length, validity, nulls);
                }

            case StructArray x:
                {
                    var y = (StructArray)b;
                    var children = new ArrowArray[x.Children.Count];
                    for (var i = 0; i < children.Length; i++)
                    {
                        children[i] = Concat(x.GetChild(i).Slice(0, x.Length), y.GetChild(i).Slice(0, y.Length));
                    }

                    return new StructArray(x.StructType, children, length, validity, nulls);
                }

            case DictionaryArray x:
                {
                    // The later dictionary extends the earlier one, so it serves both halves.
                    var y = (DictionaryArray)b;
                    return new DictionaryArray(x.DictionaryType, Concat(x.Indices, y.Indices), y.Dictionary);
                }

            case IPrimitiveArray x:
                return PrimitiveArrays.Create(a.Type, Join(x.ValuesBuffer.Span, ((IPrimitiveArray)b).ValuesBuffer.Span), length, validity, nulls);
            default:
                throw new InvalidOperationException($"Cannot concatenate {a.GetType().Name}.");
        }
    }

    private static (ReadOnlyMemory<byte>, int) ConcatValidity(ArrowArray a, ArrowArray b)
    {
        if (a.Type.TypeId == ArrowTypeId.Null || (a.NullCount == 0 && b.NullCount == 0))
        {
            return (default, 0);
        }

        var bits = new BitBuffer(a.Length + b.Length);
        AppendValidity(bits, a);
        AppendValidity(bits, b);
        return (bits.Detach(), a.NullCount + b.NullCount);
    }

    private static void AppendValidity(BitBuffer bits, ArrowArray array)
    {
        if (array.NullCount == 0)
        {
            bits.Append(true, array.Length);
            return;
        }

        var span = array.ValidityBitmap;
        for (var i = 0; i < array.Length; i++)
        {
            bits.Append(BitUtility.GetBit(span, i));
        }
    }

    private static ReadOnlyMemory<byte> ConcatBits(ReadOnlySpan<byte> x, int xLength, ReadOnlySpan<byte> y, int yLength)
    {
        var bits = new BitBuffer(xLength + yLength);
        for (var i = 0; i < xLength; i++)
        {
            bits.Append(BitUtility.GetBit(x, i));
        }

        for (var i = 0; i < yLength; i++)
        {
            bits.Append(BitUtility.GetBit(y, i));
        }

        return bits.Detach();
    }

    private static byte[] Join(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var result = new byte[x.Length + y.Length];
        x.CopyTo(result);
        y.CopyTo(result.AsSpan(x.Length));
        return result;
    }

    private static (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>) ConcatVariable(ReadOnlyMemory<byte> xOffsets, ReadOnlyMemory<byte> xData, int xLength,
        ReadOnlyMemory<byte> yOffsets, ReadOnlyMemory<byte> yData, int yLength, bool isLarge)
    {
        var (xo, xs, xe) = ArrayOffsets.Rebase(xOffsets, 0, xLength, isLarge);
        var (yo, ys, ye) = ArrayOffsets.Rebase(yOffsets, 0, yLength, isLarge);
        var data = Join(xData.Span[(int)xs..(int)xe], yData.Span[(int)ys..(int)ye]);
        return (ConcatOffsets(xo, xLength, yo, yLength, xe - xs, isLarge), data);
    }

    /// <summary>Joins two zero-based offset buffers, shifting the second by <paramref name="shift"/>.</summary>
    private static byte[] ConcatOffsets(ReadOnlyMemory<byte> x, int xLength, ReadOnlyMemory<byte> y, int yLength, long shift, bool isLarge)
    {
        var count = xLength + yLength + 1;
        if (isLarge)
        {
            var result = new long[count];
            MemoryMarshal.Cast<byte, long>(x.Span)[..(xLength + 1)].CopyTo(result);
            var ys = MemoryMarshal.Cast<byte, long>(y.Span);
            for (var i = 1; i <= yLength; i++)
            {
                result[xLength + i] = ys[i] + shift;
            }

            return MemoryMarshal.AsBytes(result.AsSpan()).ToArray();
        }
        else
        {
            var result = new int[count];
            MemoryMarshal.Cast<byte, int>(x.Span)[..(xLength + 1)].CopyTo(result);
            var ys = MemoryMarshal.Cast<byte, int>(y.Span);
            for (var i = 1; i <= yLength; i++)
            {
                result[xLength + i] = checked((int)(ys[i] + shift));
            }

            return MemoryMarshal.AsBytes(result.AsSpan()).ToArray();
        }
    }
}
