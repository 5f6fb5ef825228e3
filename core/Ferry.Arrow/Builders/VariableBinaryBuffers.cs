using System.Text;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Offsets + data buffers shared by the string and binary builders.</summary>
internal sealed class VariableBinaryBuffers
{
    private const int StackEncodeLimit = 512;
    private readonly bool _isLarge;
    private GrowableBuffer _offsets;
    private GrowableBuffer _data;

    public VariableBinaryBuffers(bool isLarge, int capacity)
    {
        _isLarge = isLarge;
        _offsets = new GrowableBuffer((capacity + 1) * (isLarge ? 8 : 4));
        _data = new GrowableBuffer(capacity * 16);
        AppendOffset();
    }

    public bool IsLarge => _isLarge;

    public int DataLength => _data.Length;

    public void Append(ReadOnlySpan<byte> value)
    {
        _data.Append(value);
        AppendOffset();
    }

    public void AppendUtf16(ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= StackEncodeLimit)
        {
            var written = Encoding.UTF8.GetBytes(value, _data.AppendSpan(max));
            Trim(max - written);
        }
        else
        {
            var count = Encoding.UTF8.GetByteCount(value);
            Encoding.UTF8.GetBytes(value, _data.AppendSpan(count));
        }

        AppendOffset();
    }

    public void AppendEmpty(int count)
    {
        for (var i = 0; i < count; i++)
        {
            AppendOffset();
        }
    }

    public (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data) Detach()
    {
        var result = (_offsets.Detach(), _data.Detach());
        AppendOffset();
        return result;
    }

    /// <summary>The current buffers, shared: later appends leave them unchanged.</summary>
    public (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data) Snapshot() => (_offsets.Snapshot(), _data.Snapshot());

    public void Reset()
    {
        _offsets = new GrowableBuffer();
        _data = new GrowableBuffer();
        AppendOffset();
    }

    public ReadOnlySpan<byte> GetValue(int index)
    {
        long start, end;
        if (_isLarge)
        {
            var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(_offsets.WrittenSpan);
            (start, end) = (offsets[index], offsets[index + 1]);
        }
        else
        {
            var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(_offsets.WrittenSpan);
            (start, end) = (offsets[index], offsets[index + 1]);
        }

        return _data.WrittenSpan.Slice((int)start, (int)(end - start));
    }

    private void Trim(int unused)
    {
        // Give back the over-reservation of the fast UTF-16 → UTF-8 path.
        if (unused > 0)
        {
            _data.Shrink(unused);
        }
    }

    private void AppendOffset()
    {
        if (_isLarge)
        {
            _offsets.Append((long)_data.Length);
        }
        else
        {
            // Data longer than int.MaxValue cannot exist (GrowableBuffer caps at Array.MaxLength),
            // so a 32-bit offset always fits here.
            _offsets.Append(_data.Length);
        }
    }
}
