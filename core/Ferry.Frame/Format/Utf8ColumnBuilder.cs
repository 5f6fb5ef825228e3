using System.Runtime.InteropServices;
using System.Text;
using Ferry.Arrow;

namespace Ferry.Frame.Format;

/// <summary>
/// Builds a utf8 or binary column straight into its offsets and data buffers. Strings are encoded with a strict
/// UTF-8 encoder: a lone surrogate is refused rather than replaced, so what is stored is what was given.
/// </summary>
internal sealed class Utf8ColumnBuilder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NativeArena _arena;
    private readonly Memory<byte> _offsets;
    private readonly BitmapBuilder _validity;
    private Memory<byte> _data;
    private int _count;
    private int _used;

    public Utf8ColumnBuilder(NativeArena arena, int length, int initialBytes = 256)
    {
        _arena = arena;
        _offsets = arena.Allocate((length + 1) * sizeof(int));
        _validity = new BitmapBuilder(length);
        _data = arena.Allocate(Math.Max(initialBytes, 16), zero: false);
    }

    public bool HasValues => _validity.SetCount > 0;

    public int NullCount => _validity.NullCount;

    /// <summary>Appends a string; false when it is not valid UTF-16 (nothing is appended then).</summary>
    public bool TryAppend(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return true;
        }

        Ensure(StrictUtf8.GetMaxByteCount(value.Length));
        int written;
        try
        {
            written = StrictUtf8.GetBytes(value, _data.Span[_used..]);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        _used += written;
        _validity.Set(_count);
        MemoryMarshal.Cast<byte, int>(_offsets.Span)[++_count] = _used;
        return true;
    }

    public void AppendBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_data.Span[_used..]);
        _used += value.Length;
        _validity.Set(_count);
        MemoryMarshal.Cast<byte, int>(_offsets.Span)[++_count] = _used;
    }

    public void AppendNull()
    {
        MemoryMarshal.Cast<byte, int>(_offsets.Span)[++_count] = _used;
    }

    public StringArray BuildString() => new(ArrowType.Utf8, OffsetsBytes(), _data[.._used], _count, _validity.AsValidity(), _validity.NullCount);

    public BinaryArray BuildBinary() => new(ArrowType.Binary, OffsetsBytes(), _data[.._used], _count, _validity.AsValidity(), _validity.NullCount);

    private ReadOnlyMemory<byte> OffsetsBytes() => _offsets[..((_count + 1) * sizeof(int))];

    private void Ensure(int additional)
    {
        var needed = (long)_used + additional;
        if (needed <= _data.Length)
        {
            return;
        }

        if (needed > int.MaxValue)
        {
            throw new FrameException("A fragment column would exceed 2 GiB of text or bytes; the writer must split the fragment.");
        }

        var size = (int)Math.Min(int.MaxValue, Math.Max(needed, (long)_data.Length * 2));
        var bigger = _arena.Allocate(size, zero: false);
        _data.Span[.._used].CopyTo(bigger.Span);
        _data = bigger;
    }
}
