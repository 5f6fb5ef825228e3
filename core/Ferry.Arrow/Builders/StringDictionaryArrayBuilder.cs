using System.Buffers;
using System.Text;

namespace Ferry.Arrow;

/// <summary>
/// Builds dictionary-encoded string arrays (<see cref="DictionaryArray"/> of utf8 / large_utf8 values).
/// The dictionary is kept across <see cref="Build"/> calls and only grows, so consecutive batches
/// share a prefix and the IPC writers send only the new values (delta dictionary batches);
/// call <see cref="ResetDictionary"/> to start a fresh one.
/// </summary>
public sealed class StringDictionaryArrayBuilder : ArrowArrayBuilder
{
    private const int StackEncodeLimit = 256;
    private readonly DictionaryType _type;
    private readonly ArrowArrayBuilder _indices;
    private readonly Utf8DictionaryMemo _memo;
    private readonly int _maxCount;

    /// <summary>Creates the builder.</summary>
    /// <param name="type">A dictionary type with utf8 or large_utf8 values; default int32 indices over utf8.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public StringDictionaryArrayBuilder(DictionaryType? type = null, int capacity = 0)
        : base(type ?? new DictionaryType(ArrowType.Int32, ArrowType.Utf8))
    {
        _type = (DictionaryType)Type;
        if (_type.ValueType is not StringType valueType)
        {
            throw new ArgumentException($"The dictionary values must be utf8 or large_utf8, not {_type.ValueType}.", nameof(type));
        }

        _indices = Create(_type.IndexType, capacity);
        _memo = new Utf8DictionaryMemo(valueType.IsLarge);
        _maxCount = _type.IndexType.BitWidth switch
        {
            8 => _type.IndexType.IsSigned ? sbyte.MaxValue + 1 : byte.MaxValue + 1,
            16 => _type.IndexType.IsSigned ? short.MaxValue + 1 : ushort.MaxValue + 1,
            _ => int.MaxValue,
        };
    }

    /// <summary>Number of distinct values in the dictionary so far.</summary>
    public int DictionaryCount => _memo.Count;

    /// <summary>Appends a string, or a null when <paramref name="value"/> is null.</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= StackEncodeLimit ? stackalloc byte[StackEncodeLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            AppendUtf8(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Appends a value given as UTF-8 bytes (not validated).</summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        var index = _memo.GetOrAdd(utf8, _maxCount);
        AppendIndex(index);
        Validity.AppendValid();
        Length++;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _indices.AppendNulls(count);
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <summary>Appends nulls: an empty dictionary has no value to point at.</summary>
    public override void AppendEmptyValues(int count) => AppendNulls(count);

    /// <summary>Forgets the dictionary; the next batch starts a new one (the stream writer then sends
    /// a replacement dictionary; the file writer refuses it, as the file format forbids replacement).</summary>
    public void ResetDictionary() => _memo.Reset();

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var indices = _indices.Build();
        DetachCommon();
        return new DictionaryArray(_type, indices, _memo.Snapshot((StringType)_type.ValueType));
    }

    private void AppendIndex(int index)
    {
        switch (_indices)
        {
            case PrimitiveArrayBuilder<sbyte> b: b.Append((sbyte)index); break;
            case PrimitiveArrayBuilder<byte> b: b.Append((byte)index); break;
            case PrimitiveArrayBuilder<short> b: b.Append((short)index); break;
            case PrimitiveArrayBuilder<ushort> b: b.Append((ushort)index); break;
            case PrimitiveArrayBuilder<int> b: b.Append(index); break;
            case PrimitiveArrayBuilder<uint> b: b.Append((uint)index); break;
            case PrimitiveArrayBuilder<long> b: b.Append((long)index); break;
            case PrimitiveArrayBuilder<ulong> b: b.Append((ulong)index); break;
            default: throw new InvalidOperationException("Unexpected index builder.");
        }
    }
}
