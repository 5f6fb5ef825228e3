using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Ferry.Arrow.Memory;

/// <summary>
/// A read-only memory-mapped file. Regions handed out as <see cref="ReadOnlyMemory{T}"/> keep this
/// object reachable, and the mapping is released only by the finalizer once no array refers to it:
/// an array can never point into unmapped memory, whatever the order of disposal.
/// </summary>
internal sealed unsafe class MappedFile
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;
    private readonly bool _acquired;

    private MappedFile(string path, long length)
    {
        Length = length;
        try
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _acquired = true;
            _pointer = pointer + _view.PointerOffset;
        }
        catch
        {
            Release();
            GC.SuppressFinalize(this);
            throw;
        }
    }

    ~MappedFile() => Release();

    public static MappedFile Open(string path)
    {
        long length;
        using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = probe.Length;
        }

        // An empty file cannot be mapped, and is not an Arrow file anyway.
        return length == 0 ? throw new InvalidDataException("Invalid Arrow IPC data: the file is empty.") : new MappedFile(path, length);
    }

    public long Length { get; }

    public ReadOnlyMemory<byte> Region(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        return new MappedRegion(this, _pointer + offset, length).Memory;
    }

    private void Release()
    {
        if (_acquired)
        {
            _view!.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view?.Dispose();
        _file?.Dispose();
    }

    private sealed class MappedRegion : MemoryManager<byte>
    {
        // The owner field is what keeps the mapping alive while this region is referenced.
        private readonly MappedFile _owner;
        private readonly byte* _start;
        private readonly int _length;

        public MappedRegion(MappedFile owner, byte* start, int length)
        {
            _owner = owner;
            _start = start;
            _length = length;
        }

        public override Span<byte> GetSpan() => new(_start, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex, default, null);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => GC.KeepAlive(_owner);
    }
}
