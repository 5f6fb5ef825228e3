using Ferry.Arrow.Memory;

namespace Ferry.Arrow.Ipc;

/// <summary>Where an IPC file's bytes come from: memory or a mapped file (zero-copy slices) or a
/// seekable stream (each read copies into a new buffer owned by the arrays).</summary>
internal abstract class RandomAccessSource : IDisposable
{
    public abstract long Length { get; }

    public abstract ReadOnlyMemory<byte> Read(long offset, int length);

    public virtual ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(offset, length));

    public virtual void Dispose()
    {
    }

    public sealed class MemorySource(ReadOnlyMemory<byte> data) : RandomAccessSource
    {
        public override long Length => data.Length;

        public override ReadOnlyMemory<byte> Read(long offset, int length) => data.Slice((int)offset, length);
    }

    public sealed class MappedSource(MappedFile file) : RandomAccessSource
    {
        public override long Length => file.Length;

        public override ReadOnlyMemory<byte> Read(long offset, int length) => file.Region(offset, length);
    }

    public sealed class StreamSource : RandomAccessSource
    {
        private readonly Stream _stream;
        private readonly bool _leaveOpen;
        private readonly SemaphoreSlim _gate = new(1, 1);

        public StreamSource(Stream stream, bool leaveOpen)
        {
            ArgumentNullException.ThrowIfNull(stream);
            if (!stream.CanSeek || !stream.CanRead)
            {
                throw new ArgumentException("The file reader needs a readable, seekable stream; use ArrowStreamReader for other streams.", nameof(stream));
            }

            _stream = stream;
            _leaveOpen = leaveOpen;
            Length = stream.Length;
        }

        public override long Length { get; }

        public override ReadOnlyMemory<byte> Read(long offset, int length)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(length);
            _gate.Wait();
            try
            {
                _stream.Position = offset;
                _stream.ReadExactly(buffer);
            }
            catch (EndOfStreamException e)
            {
                throw IpcErrors.Invalid("the file ends before a block it lists.", e);
            }
            finally
            {
                _gate.Release();
            }

            return buffer;
        }

        public override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int length, CancellationToken cancellationToken)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(length);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _stream.Position = offset;
                await _stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw IpcErrors.Invalid("the file ends before a block it lists.", e);
            }
            finally
            {
                _gate.Release();
            }

            return buffer;
        }

        public override void Dispose()
        {
            _gate.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }
}
