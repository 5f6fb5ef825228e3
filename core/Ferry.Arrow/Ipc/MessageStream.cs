using System.Buffers.Binary;

namespace Ferry.Arrow.Ipc;

/// <summary>Reads encapsulated messages one after another from a <see cref="Stream"/> or from memory.</summary>
internal abstract class MessageStream : IDisposable
{
    private const uint Continuation = 0xFFFFFFFF;

    /// <summary>The next message and its body, or null at end of stream.</summary>
    public abstract (IpcMessage Message, ReadOnlyMemory<byte> Body)? Next(int maxMetadataLength);

    public virtual ValueTask<(IpcMessage Message, ReadOnlyMemory<byte> Body)?> NextAsync(int maxMetadataLength, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Next(maxMetadataLength));

    public virtual void Dispose()
    {
    }

    private static int CheckMetadataLength(long length, int max) =>
        length < 0 || length > max
            ? throw IpcErrors.Invalid($"message metadata length {length} is outside 0..{max} (corrupt length prefix?).")
            : (int)length;

    private static int CheckBodyLength(long length) =>
        length > int.MaxValue
            ? throw new ArrowNotSupportedException($"A message body of {length} bytes exceeds the {int.MaxValue} Ferry.Arrow reads at once.")
            : (int)length;

    public sealed class FromMemory(ReadOnlyMemory<byte> data) : MessageStream
    {
        private int _position;

        public override (IpcMessage Message, ReadOnlyMemory<byte> Body)? Next(int maxMetadataLength)
        {
            var span = data.Span;
            if (_position == span.Length)
            {
                return null;
            }

            if (span.Length - _position < 4)
            {
                throw IpcErrors.Invalid("the stream ends inside a message length prefix.");
            }

            long length = BinaryPrimitives.ReadUInt32LittleEndian(span[_position..]);
            _position += 4;
            if (length == Continuation)
            {
                if (span.Length - _position < 4)
                {
                    throw IpcErrors.Invalid("the stream ends inside a message length prefix.");
                }

                length = BinaryPrimitives.ReadInt32LittleEndian(span[_position..]);
                _position += 4;
            }

            if (length == 0)
            {
                return null;
            }

            var metadataLength = CheckMetadataLength(length, maxMetadataLength);
            if (span.Length - _position < metadataLength)
            {
                throw IpcErrors.Invalid("the stream ends inside message metadata.");
            }

            var message = IpcMessage.Parse(data.Slice(_position, metadataLength));
            _position += metadataLength;
            var bodyLength = CheckBodyLength(message.BodyLength);
            if (span.Length - _position < bodyLength)
            {
                throw IpcErrors.Invalid($"the stream ends inside a message body ({bodyLength} bytes declared, {span.Length - _position} left).");
            }

            var body = data.Slice(_position, bodyLength);
            _position += bodyLength;
            return (message, body);
        }
    }

    public sealed class FromStream(Stream stream, bool leaveOpen) : MessageStream
    {
        private const int InitialBodyChunk = 16 << 20;
        private readonly byte[] _prefix = new byte[4];

        public override (IpcMessage Message, ReadOnlyMemory<byte> Body)? Next(int maxMetadataLength)
        {
            if (!ReadPrefix(out var length, first: true))
            {
                return null;
            }

            if (length == Continuation)
            {
                ReadPrefix(out length, first: false);
                length = (int)length;
            }

            if (length == 0)
            {
                return null;
            }

            var metadata = new byte[CheckMetadataLength(length, maxMetadataLength)];
            Fill(metadata, "message metadata");
            var message = IpcMessage.Parse(metadata);
            var body = ReadBody(CheckBodyLength(message.BodyLength));
            return (message, body);
        }

        public override async ValueTask<(IpcMessage Message, ReadOnlyMemory<byte> Body)?> NextAsync(int maxMetadataLength, CancellationToken cancellationToken)
        {
            var (ok, length) = await ReadPrefixAsync(true, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return null;
            }

            if (length == Continuation)
            {
                (_, length) = await ReadPrefixAsync(false, cancellationToken).ConfigureAwait(false);
                length = (int)length;
            }

            if (length == 0)
            {
                return null;
            }

            var metadata = new byte[CheckMetadataLength(length, maxMetadataLength)];
            await FillAsync(metadata, "message metadata", cancellationToken).ConfigureAwait(false);
            var message = IpcMessage.Parse(metadata);
            var body = await ReadBodyAsync(CheckBodyLength(message.BodyLength), cancellationToken).ConfigureAwait(false);
            return (message, body);
        }

        public override void Dispose()
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }
        }

        private bool ReadPrefix(out long value, bool first)
        {
            var read = stream.ReadAtLeast(_prefix, 4, throwOnEndOfStream: false);
            return Prefix(read, first, out value);
        }

        private async ValueTask<(bool, long)> ReadPrefixAsync(bool first, CancellationToken cancellationToken)
        {
            var read = await stream.ReadAtLeastAsync(_prefix, 4, false, cancellationToken).ConfigureAwait(false);
            var ok = Prefix(read, first, out var value);
            return (ok, value);
        }

        private bool Prefix(int read, bool first, out long value)
        {
            value = 0;
            if (read == 0 && first)
            {
                return false; // the writer closed the stream without an end-of-stream marker, which is allowed
            }

            if (read < 4)
            {
                throw IpcErrors.Invalid("the stream ends inside a message length prefix.");
            }

            value = BinaryPrimitives.ReadUInt32LittleEndian(_prefix);
            return true;
        }

        private void Fill(byte[] buffer, string what)
        {
            if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            {
                throw IpcErrors.Invalid($"the stream ends inside {what}.");
            }
        }

        private async ValueTask FillAsync(Memory<byte> buffer, string what, CancellationToken cancellationToken)
        {
            if (await stream.ReadAtLeastAsync(buffer, buffer.Length, false, cancellationToken).ConfigureAwait(false) < buffer.Length)
            {
                throw IpcErrors.Invalid($"the stream ends inside {what}.");
            }
        }

        private void CheckRemaining(int bodyLength)
        {
            if (stream.CanSeek && bodyLength > stream.Length - stream.Position)
            {
                throw IpcErrors.Invalid($"the stream ends inside a message body ({bodyLength} bytes declared, {stream.Length - stream.Position} left).");
            }
        }

        private async ValueTask<byte[]> ReadBodyAsync(int bodyLength, CancellationToken cancellationToken)
        {
            CheckRemaining(bodyLength);
            if (stream.CanSeek || bodyLength <= InitialBodyChunk)
            {
                var body = GC.AllocateUninitializedArray<byte>(bodyLength);
                await FillAsync(body, "a message body", cancellationToken).ConfigureAwait(false);
                return body;
            }

            var buffer = GC.AllocateUninitializedArray<byte>(InitialBodyChunk);
            var filled = 0;
            while (filled < bodyLength)
            {
                if (filled == buffer.Length)
                {
                    var next = GC.AllocateUninitializedArray<byte>((int)Math.Min(bodyLength, (long)buffer.Length * 2));
                    buffer.AsSpan().CopyTo(next);
                    buffer = next;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw IpcErrors.Invalid("the stream ends inside a message body.");
                }

                filled += read;
            }

            return buffer;
        }

        private byte[] ReadBody(int bodyLength)
        {
            CheckRemaining(bodyLength);
            if (stream.CanSeek || bodyLength <= InitialBodyChunk)
            {
                var body = GC.AllocateUninitializedArray<byte>(bodyLength);
                Fill(body, "a message body");
                return body;
            }

            // Unknown length: grow as bytes actually arrive, so a corrupt length prefix cannot make
            // us allocate gigabytes up front.
            var buffer = GC.AllocateUninitializedArray<byte>(InitialBodyChunk);
            var filled = 0;
            while (filled < bodyLength)
            {
                if (filled == buffer.Length)
                {
                    var next = GC.AllocateUninitializedArray<byte>((int)Math.Min(bodyLength, (long)buffer.Length * 2));
                    buffer.AsSpan().CopyTo(next);
                    buffer = next;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    throw IpcErrors.Invalid("the stream ends inside a message body.");
                }

                filled += read;
            }

            return buffer;
        }
    }
}
