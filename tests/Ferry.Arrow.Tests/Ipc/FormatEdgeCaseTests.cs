using System.Buffers.Binary;
using Ferry.Arrow.FlatBuffers;
using Ferry.Arrow.Ipc;
using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Ipc;

/// <summary>Corners of the IPC format: the pre-0.15 framing, compressed bodies, stray messages.</summary>
public class FormatEdgeCaseTests
{
    private static byte[] Stream(IReadOnlyList<RecordBatch> batches)
    {
        var ms = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ms, batches[0].Schema, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                writer.WriteRecordBatch(b);
            }

            writer.Finish();
        }

        return ms.ToArray();
    }

    [Fact]
    public void ArrowStreamReader_LegacyFramingWithoutContinuation_ReadsTheSameBatches()
    {
        var batches = SampleData.AllTypesBatches(4, 6);
        var modern = Stream(batches);

        // Rewrite every "0xFFFFFFFF <length>" prefix as the pre-0.15 "<length>" prefix.
        var legacy = new MemoryStream();
        var position = 0;
        while (position < modern.Length)
        {
            Assert.Equal(0xFFFFFFFF, BinaryPrimitives.ReadUInt32LittleEndian(modern.AsSpan(position)));
            var length = BinaryPrimitives.ReadInt32LittleEndian(modern.AsSpan(position + 4));
            if (length == 0)
            {
                legacy.Write(new byte[4]);
                break;
            }

            var message = IpcMessage.Parse(modern.AsMemory(position + 8, length));
            legacy.Write(modern, position + 4, 4 + length + (int)message.BodyLength);
            position += 8 + length + (int)message.BodyLength;
        }

        using var reader = new ArrowStreamReader(legacy.ToArray());
        BatchAssert.Equal(batches, [.. reader]);
        using var overStream = new ArrowStreamReader(new MemoryStream(legacy.ToArray()));
        BatchAssert.Equal(batches, [.. overStream]);
    }

    [Fact]
    public void ArrowStreamReader_CompressedBody_IsRefusedNamingTheCodec()
    {
        var schema = new Schema([new Field("a", ArrowType.Int32)]);
        var schemaMessage = MessageSerializer.Schema(schema);

        var b = new FlatBufferBuilder();
        b.StartTable(2);
        b.AddByte(0, 1, 0); // ZSTD
        var compression = b.EndTable();
        var nodes = b.StartVector(16, 1, 8);
        BinaryPrimitives.WriteInt64LittleEndian(nodes, 1);
        var nodesOffset = b.EndVector(1);
        var buffers = b.StartVector(16, 2, 8);
        BinaryPrimitives.WriteInt64LittleEndian(buffers[24..], 8);
        var buffersOffset = b.EndVector(2);
        b.StartTable(5);
        b.AddInt64(0, 1, 0);
        b.AddOffset(1, nodesOffset);
        b.AddOffset(2, buffersOffset);
        b.AddOffset(3, compression);
        var batch = b.EndTable();
        b.StartTable(5);
        b.AddInt16(0, 4, 0);
        b.AddByte(1, 3, 0);
        b.AddOffset(2, batch);
        b.AddInt64(3, 8, 0);
        var batchMessage = b.Finish(b.EndTable()).ToArray();

        var stream = new MemoryStream();
        Frame(stream, schemaMessage, 0);
        Frame(stream, batchMessage, 8);
        using var reader = new ArrowStreamReader(stream.ToArray());
        var e = Assert.Throws<ArrowNotSupportedException>(() => reader.ReadNextRecordBatch());
        Assert.Contains("ZSTD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrowStreamReader_HugeBodyOnNonSeekableStream_ThrowsInvalidDataWithoutHugeAllocation()
    {
        var schemaMessage = MessageSerializer.Schema(new Schema([new Field("a", ArrowType.Int32)]));
        var b = new FlatBufferBuilder();
        b.StartTable(5);
        b.AddInt64(0, 1, 0);
        var batch = b.EndTable();
        b.StartTable(5);
        b.AddInt16(0, 4, 0);
        b.AddByte(1, 3, 0);
        b.AddOffset(2, batch);
        b.AddInt64(3, 1_500_000_000, 0); // declares 1.5 GB, delivers 64 bytes
        var batchMessage = b.Finish(b.EndTable()).ToArray();
        var stream = new MemoryStream();
        Frame(stream, schemaMessage, 0);
        Frame(stream, batchMessage, 64);
        var bytes = stream.ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var reader = new ArrowStreamReader(new NonSeekableStream(bytes)))
        {
            Assert.Throws<InvalidDataException>(() => reader.ReadNextRecordBatch());
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000_000);
        using var asyncReader = new ArrowStreamReader(new NonSeekableStream(bytes));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await asyncReader.ReadNextRecordBatchAsync());
        using var memoryReader = new ArrowStreamReader(bytes);
        Assert.Throws<InvalidDataException>(() => memoryReader.ReadNextRecordBatch());
    }

    [Fact]
    public void ArrowStreamReader_SecondSchemaMessage_ThrowsInvalidData()
    {
        var schemaMessage = MessageSerializer.Schema(new Schema([new Field("a", ArrowType.Int32)]));
        var stream = new MemoryStream();
        Frame(stream, schemaMessage, 0);
        Frame(stream, schemaMessage, 0);
        using var reader = new ArrowStreamReader(stream.ToArray());
        Assert.Throws<InvalidDataException>(() => reader.ReadNextRecordBatch());
    }

    [Fact]
    public void ArrowStreamReader_NoEndOfStreamMarker_EndsAtEndOfInput()
    {
        var batches = SampleData.AllTypesBatches(3);
        var bytes = Stream(batches);
        using var reader = new ArrowStreamReader(bytes.AsMemory(0, bytes.Length - 8));
        BatchAssert.Equal(batches, [.. reader]);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    public void ArrowStreamWriter_Framing_FollowsTheSpecification(int alignment)
    {
        var batches = SampleData.AllTypesBatches(5, 9);
        var ms = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ms, batches[0].Schema, new ArrowWriterOptions { Alignment = alignment }, leaveOpen: true))
        {
            batches.ForEach(writer.WriteRecordBatch);
            writer.Finish();
        }

        var bytes = ms.ToArray();
        var position = 0;
        var messages = 0;
        while (true)
        {
            Assert.Equal(0xFFFFFFFF, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position)));
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            if (length == 0)
            {
                Assert.Equal(bytes.Length, position + 8); // end-of-stream marker closes the stream
                break;
            }

            Assert.Equal(0, length % 8);
            var bodyStart = position + 8 + length;
            Assert.Equal(0, bodyStart % alignment);
            var message = IpcMessage.Parse(bytes.AsMemory(position + 8, length));
            Assert.Equal(0, message.BodyLength % 8);
            if (message.HeaderType != Fb.HeaderSchema)
            {
                var batch = message.HeaderType == Fb.HeaderRecordBatch ? message.Header : message.Header.GetTable(Fb.DictBatchData)!.Value;
                var buffers = batch.GetVectorBytes(Fb.BatchBuffers, 16, out var count);
                for (var i = 0; i < count; i++)
                {
                    var offset = BinaryPrimitives.ReadInt64LittleEndian(buffers[(i * 16)..]);
                    var size = BinaryPrimitives.ReadInt64LittleEndian(buffers[((i * 16) + 8)..]);
                    Assert.Equal(0, offset % alignment);
                    Assert.True(offset + size <= message.BodyLength);
                }
            }

            position = bodyStart + (int)message.BodyLength;
            messages++;
        }

        Assert.True(messages >= 1 + batches.Count);
    }

    private static void Frame(Stream output, byte[] metadata, int bodyLength)
    {
        var padded = (metadata.Length + 7) & ~7;
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), padded);
        output.Write(prefix);
        output.Write(metadata);
        output.Write(new byte[padded - metadata.Length + bodyLength]);
    }
}
