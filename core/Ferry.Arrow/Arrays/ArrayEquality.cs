using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Logical, bit-exact equality of two arrays of the same type (null slots compare by
/// null-ness only; floats compare by bits, so NaN payloads matter).</summary>
internal static class ArrayEquality
{
    public static bool Equals(ArrowArray a, ArrowArray b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Length != b.Length || !a.Type.Equals(b.Type) || a.NullCount != b.NullCount)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a.IsNull(i) != b.IsNull(i))
            {
                return false;
            }
        }

        return a switch
        {
            NullArray => true,
            BooleanArray x => BoolsEqual(x, (BooleanArray)b),
            BinaryArray x => BinaryEqual(x, (BinaryArray)b),
            FixedSizeBinaryArray x => SlotsEqual(x.ValueData, ((FixedSizeBinaryArray)b).ValueData, x.ByteWidth, x),
            ListArray x => ListEqual(x, (ListArray)b),
            FixedSizeListArray x => Equals(x.Values.Slice(0, x.Length * x.ListSize), ((FixedSizeListArray)b).Values.Slice(0, x.Length * x.ListSize)),
            StructArray x => StructEqual(x, (StructArray)b),
            DictionaryArray x => DictionaryEqual(x, (DictionaryArray)b),
            IPrimitiveArray x => SlotsEqual(x.ValuesBuffer.Span, ((IPrimitiveArray)b).ValuesBuffer.Span, a.Type.ByteWidth, a),
            _ => false,
        };
    }

    private static bool SlotsEqual(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, int width, ArrowArray nulls)
    {
        var bytes = nulls.Length * width;
        if (nulls.NullCount == 0)
        {
            return x[..bytes].SequenceEqual(y[..bytes]);
        }

        for (var i = 0; i < nulls.Length; i++)
        {
            if (!nulls.IsNull(i) && !x.Slice(i * width, width).SequenceEqual(y.Slice(i * width, width)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool BoolsEqual(BooleanArray x, BooleanArray y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!x.IsNull(i) && BitUtility.GetBit(x.ValueBitmap, i) != BitUtility.GetBit(y.ValueBitmap, i))
            {
                return false;
            }
        }

        return true;
    }

    private static bool BinaryEqual(BinaryArray x, BinaryArray y)
    {
        if (x.NullCount == 0 && x.OffsetsBuffer.Span.SequenceEqual(y.OffsetsBuffer.Span))
        {
            // Same offsets: compare the covered data in one go (instant when the buffers are shared).
            var end = x.Length == 0 ? 0 : checked((int)(ArrayOffsets.Read(x.OffsetsBuffer, x.Length, x.IsLarge)));
            return x.ValueData[..end].SequenceEqual(y.ValueData[..end]);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!x.IsNull(i) && !x.GetBytes(i).SequenceEqual(y.GetBytes(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ListEqual(ListArray x, ListArray y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x.IsNull(i))
            {
                continue;
            }

            var n = x.GetValueLength(i);
            if (n != y.GetValueLength(i)
                || !Equals(x.Values.Slice(x.GetValueOffset(i), n), y.Values.Slice(y.GetValueOffset(i), n)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StructEqual(StructArray x, StructArray y)
    {
        for (var c = 0; c < x.Children.Count; c++)
        {
            var cx = x.GetChild(c).Slice(0, x.Length);
            var cy = y.GetChild(c).Slice(0, y.Length);
            for (var i = 0; i < x.Length; i++)
            {
                if (!x.IsNull(i) && !Equals(cx.Slice(i, 1), cy.Slice(i, 1)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool DictionaryEqual(DictionaryArray x, DictionaryArray y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!x.IsNull(i)
                && !Equals(x.Dictionary.Slice(checked((int)x.GetIndex(i)), 1), y.Dictionary.Slice(checked((int)y.GetIndex(i)), 1)))
            {
                return false;
            }
        }

        return true;
    }
}
