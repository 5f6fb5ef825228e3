using System.Buffers;
using System.Runtime.InteropServices;

namespace Ferry.Frame.Format;

/// <summary>
/// Native, 64-byte aligned buffers for the columns of one fragment being written. A fragment's columns live only
/// until its file is written, then the arena frees them all at once. Keeping them off the GC heap matters: a
/// fragment of 100k x 384 vectors is 150 MB, and as managed arrays every fragment would land on the large object heap
/// and trigger full collections that must walk every record the caller still holds.
/// </summary>
internal sealed class NativeArena : IDisposable
{
    private const int Alignment = 64;
    private readonly List<Block> _blocks = [];
    private bool _disposed;

    /// <summary>A zeroed buffer of <paramref name="length"/> bytes, valid until the arena is disposed.</summary>
    public Memory<byte> Allocate(int length, bool zero = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var block = new Block(length, zero);
        _blocks.Add(block);
        return block.Memory;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var block in _blocks)
        {
            ((IDisposable)block).Dispose();
        }

        _blocks.Clear();
    }

    private sealed unsafe class Block : MemoryManager<byte>
    {
        private byte* _pointer;
        private readonly int _length;

        public Block(int length, bool zero)
        {
            _length = length;
            _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), Alignment);
            if (zero)
            {
                NativeMemory.Clear(_pointer, (nuint)length);
            }
        }

        public override Span<byte> GetSpan()
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return new Span<byte>(_pointer, _length);
        }

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return new MemoryHandle(_pointer + elementIndex);
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (_pointer is not null)
            {
                NativeMemory.AlignedFree(_pointer);
                _pointer = null;
            }
        }
    }
}
