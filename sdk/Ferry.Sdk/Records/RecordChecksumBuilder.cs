using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Ferry.Sdk.Records;

/// <summary>
/// Builds a <see cref="RecordChecksum"/> field by field, for a target that can hash what it stores without building a
/// <see cref="Record"/> (a columnar store hashing its columns in place). Give the fields in the canonical order:
/// <see cref="Text(string?)"/>, <see cref="Title(string?)"/>, the metadata entries by key in ordinal order, the dense
/// vectors by name in ordinal order, then the sparse vectors by name in ordinal order; a field left out counts as absent
/// (no text, no title, no entries). <see cref="Finish"/> gives the checksum, equal to
/// <see cref="RecordChecksum.Compute128"/> of the record holding the same fields. One builder serves many records in
/// turn (<see cref="Reset"/>); it is not thread-safe.
/// </summary>
public sealed class RecordChecksumBuilder
{
    private const ulong SeedLow = 0;
    private const ulong SeedHigh = 0x9E3779B97F4A7C15;

    private const int TextSection = 0;
    private const int TitleSection = 1;
    private const int MetadataSection = 2;
    private const int VectorSection = 3;
    private const int SparseSection = 4;
    private const int Done = 5;

    private static readonly string[] SectionNames = ["text", "title", "metadata", "vectors", "sparse vectors", "the end"];

    private byte[] _buffer;
    private int _length;

    // The next section not begun yet, the map section open (or -1), where its entry count goes, how many it has and
    // the last key given in it (keys must ascend).
    private int _next;
    private int _open = -1;
    private int _countAt;
    private int _count;
    private string? _lastKey;

    // Items still owed to an array entry begun with MetadataArray.
    private int _arrayItems;

    /// <summary>A builder with an initial buffer of 64 KiB (it grows as a record needs).</summary>
    public RecordChecksumBuilder()
    {
        _buffer = new byte[64 * 1024];
    }

    internal int Capacity => _buffer.Length;

    /// <summary>Starts a new record.</summary>
    public void Reset()
    {
        _length = 0;
        _next = TextSection;
        _open = -1;
        _lastKey = null;
        _arrayItems = 0;
    }

    /// <summary>The record's text (<c>null</c>: none).</summary>
    public void Text(string? text)
    {
        Begin(TextSection);
        OptionalString(text);
    }

    /// <summary>The record's text, present, as UTF-8 (checksummed as the UTF-16 string it decodes to).</summary>
    public void TextUtf8(ReadOnlySpan<byte> utf8)
    {
        Begin(TextSection);
        Byte(1);
        Utf8String(utf8);
    }

    /// <summary>The record's title (<c>null</c>: none).</summary>
    public void Title(string? title)
    {
        Begin(TitleSection);
        OptionalString(title);
    }

    /// <summary>The record's title, present, as UTF-8.</summary>
    public void TitleUtf8(ReadOnlySpan<byte> utf8)
    {
        Begin(TitleSection);
        Byte(1);
        Utf8String(utf8);
    }

    /// <summary>A metadata entry; keys in ordinal order.</summary>
    public void Metadata(string key, MetadataValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Entry(MetadataSection, key);
        Value(value);
    }

    /// <summary>A metadata entry holding a string, given as UTF-8.</summary>
    public void MetadataString(string key, ReadOnlySpan<byte> utf8)
    {
        Entry(MetadataSection, key);
        Byte((byte)MetadataKind.String);
        Utf8String(utf8);
    }

    /// <summary>A metadata entry holding an integer.</summary>
    public void MetadataInteger(string key, long value)
    {
        Entry(MetadataSection, key);
        Byte((byte)MetadataKind.Integer);
        Long(value);
    }

    /// <summary>A metadata entry holding a float (by its bit pattern: -0 and every NaN payload are their own values).</summary>
    public void MetadataFloat(string key, double value)
    {
        Entry(MetadataSection, key);
        Byte((byte)MetadataKind.Float);
        Long(BitConverter.DoubleToInt64Bits(value));
    }

    /// <summary>A metadata entry holding a boolean.</summary>
    public void MetadataBool(string key, bool value)
    {
        Entry(MetadataSection, key);
        Byte((byte)MetadataKind.Bool);
        Byte(value ? (byte)1 : (byte)0);
    }

    /// <summary>A metadata entry holding a timestamp (the instant and its offset).</summary>
    public void MetadataTimestamp(string key, DateTimeOffset value)
    {
        Entry(MetadataSection, key);
        Timestamp(value);
    }

    /// <summary>
    /// Starts a metadata entry holding an array of <paramref name="count"/> items; exactly that many
    /// <see cref="ArrayString"/> or <see cref="ArrayValue"/> calls follow, in order, before anything else.
    /// </summary>
    public void MetadataArray(string key, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Entry(MetadataSection, key);
        Byte((byte)MetadataKind.Array);
        Int(count);
        _arrayItems = count;
    }

    /// <summary>The next item of the array begun with <see cref="MetadataArray"/>: a string, given as UTF-8.</summary>
    public void ArrayString(ReadOnlySpan<byte> utf8)
    {
        TakeArrayItem();
        Byte((byte)MetadataKind.String);
        Utf8String(utf8);
    }

    /// <summary>The next item of the array begun with <see cref="MetadataArray"/>.</summary>
    public void ArrayValue(MetadataValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        TakeArrayItem();
        Value(value);
    }

    /// <summary>A dense vector; names in ordinal order.</summary>
    public void Vector(string name, ReadOnlySpan<float> values)
    {
        Entry(VectorSection, name);
        Int(values.Length);
        Bytes(MemoryMarshal.AsBytes(values));
    }

    /// <summary>A sparse vector (indices and their values, of equal length); names in ordinal order.</summary>
    public void Sparse(string name, ReadOnlySpan<uint> indices, ReadOnlySpan<float> values)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"Sparse vector '{name}' has {indices.Length} indices but {values.Length} values.", nameof(values));
        }

        Entry(SparseSection, name);
        Int(indices.Length);
        Bytes(MemoryMarshal.AsBytes(indices));
        Bytes(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Ends the record and returns its checksum (the fields not given are absent).</summary>
    public UInt128 Finish()
    {
        var encoded = Complete();
        var low = XxHash64.Hash(encoded, SeedLow);
        var high = XxHash64.Hash(encoded, SeedHigh);
        return new UInt128(high, low);
    }

    /// <summary>Ends the record and returns its canonical encoding.</summary>
    internal ReadOnlySpan<byte> Complete()
    {
        Begin(Done);
        return _buffer.AsSpan(0, _length);
    }

    private void TakeArrayItem()
    {
        if (_arrayItems == 0)
        {
            throw new InvalidOperationException("No array item is expected here: MetadataArray gave the count, and that many items were given.");
        }

        _arrayItems--;
    }

    private void Entry(int section, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfArrayOpen();
        if (_open == section)
        {
            if (string.CompareOrdinal(_lastKey, key) >= 0)
            {
                throw new InvalidOperationException($"The {SectionNames[section]} of a checksum go in ordinal order of their names, once each: '{key}' came after '{_lastKey}'.");
            }
        }
        else
        {
            Begin(section);
            _open = section;
            _countAt = _length;
            _count = 0;
            Int(0);
        }

        _count++;
        _lastKey = key;
        String(key);
    }

    private void ThrowIfArrayOpen()
    {
        if (_arrayItems != 0)
        {
            throw new InvalidOperationException($"The array begun with MetadataArray still owes {_arrayItems} item(s).");
        }
    }

    /// <summary>Closes the open section, writes the sections skipped before <paramref name="section"/> as absent, and makes it the current one.</summary>
    private void Begin(int section)
    {
        ThrowIfArrayOpen();
        if (section < _next)
        {
            throw new InvalidOperationException($"The {SectionNames[section]} of a checksum must come before the {SectionNames[_next - 1]}; call Reset to start a new record.");
        }

        if (_open >= 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_countAt), _count);
            _open = -1;
        }

        for (var skipped = _next; skipped < section; skipped++)
        {
            if (skipped is TextSection or TitleSection)
            {
                Byte(0);
            }
            else
            {
                Int(0);
            }
        }

        _next = section + 1;
    }

    private void Value(MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.Null:
                Byte((byte)MetadataKind.Null);
                break;
            case MetadataKind.Bool:
                Byte((byte)MetadataKind.Bool);
                Byte(value.AsBool() ? (byte)1 : (byte)0);
                break;
            case MetadataKind.Integer:
                Byte((byte)MetadataKind.Integer);
                Long(value.AsInteger());
                break;
            case MetadataKind.Float:
                Byte((byte)MetadataKind.Float);
                Long(BitConverter.DoubleToInt64Bits(value.AsFloat()));
                break;
            case MetadataKind.Decimal:
                Byte((byte)MetadataKind.Decimal);
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(value.AsDecimal(), bits);
                Bytes(MemoryMarshal.AsBytes(bits));
                break;
            case MetadataKind.String:
                Byte((byte)MetadataKind.String);
                String(value.AsString());
                break;
            case MetadataKind.Timestamp:
                Timestamp(value.AsTimestamp());
                break;
            case MetadataKind.Bytes:
                Byte((byte)MetadataKind.Bytes);
                var bytes = value.AsBytes().Span;
                Int(bytes.Length);
                Bytes(bytes);
                break;
            case MetadataKind.Array:
                Byte((byte)MetadataKind.Array);
                var items = value.AsArray();
                var count = items.Count;
                Int(count);
                for (var i = 0; i < count; i++)
                {
                    Value(items[i]);
                }

                break;
            case MetadataKind.Object:
                Byte((byte)MetadataKind.Object);
                var entries = value.AsObject();
                Int(entries.Count);
                var keys = new string[entries.Count];
                var k = 0;
                foreach (var key in entries.Keys)
                {
                    keys[k++] = key;
                }

                Array.Sort(keys, StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    String(key);
                    Value(entries[key]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown metadata kind.");
        }
    }

    private void Timestamp(DateTimeOffset value)
    {
        Byte((byte)MetadataKind.Timestamp);
        Long(value.UtcTicks);
        Int((int)value.Offset.TotalMinutes);
    }

    private void OptionalString(string? text)
    {
        if (text is null)
        {
            Byte(0);
        }
        else
        {
            Byte(1);
            String(text);
        }
    }

    private void String(string text)
    {
        // UTF-16 code units as they are: canonical, and no transcoding pass.
        Int(text.Length);
        Bytes(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    /// <summary>As <see cref="String"/> of the string the UTF-8 decodes to (invalid sequences become U+FFFD, as decoding does).</summary>
    private void Utf8String(ReadOnlySpan<byte> utf8)
    {
        // A UTF-16 string has at most as many code units as its UTF-8 form has bytes.
        Ensure(4 + (2 * utf8.Length));
        var chars = MemoryMarshal.Cast<byte, char>(_buffer.AsSpan(_length + 4, 2 * utf8.Length));
        Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: true);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += 4 + (2 * written);
    }

    private void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Int(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Long(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        var bigger = new byte[Math.Max(_buffer.Length * 2, _length + count)];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        _buffer = bigger;
    }
}
