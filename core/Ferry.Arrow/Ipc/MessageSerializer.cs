using System.Buffers.Binary;
using Ferry.Arrow.FlatBuffers;

namespace Ferry.Arrow.Ipc;

/// <summary>Builds the Message.fbs / File.fbs flatbuffers.</summary>
internal static class MessageSerializer
{
    public static byte[] Schema(Schema schema)
    {
        var b = new FlatBufferBuilder();
        var header = SchemaSerializer.Write(b, schema);
        return Message(b, Fb.HeaderSchema, header, 0);
    }

    public static byte[] RecordBatch(long length, BodyPlan plan)
    {
        var b = new FlatBufferBuilder(256 + (plan.Nodes.Count * 16) + (plan.Buffers.Count * 16));
        var header = RecordBatchTable(b, length, plan);
        return Message(b, Fb.HeaderRecordBatch, header, plan.BodyLength);
    }

    public static byte[] DictionaryBatch(long id, bool isDelta, long length, BodyPlan plan)
    {
        var b = new FlatBufferBuilder(256 + (plan.Nodes.Count * 16) + (plan.Buffers.Count * 16));
        var data = RecordBatchTable(b, length, plan);
        b.StartTable(Fb.DictBatchSlots);
        b.AddInt64(Fb.DictBatchId, id, -1);
        b.AddOffset(Fb.DictBatchData, data);
        b.AddBool(Fb.DictBatchIsDelta, isDelta, false);
        var header = b.EndTable();
        return Message(b, Fb.HeaderDictionaryBatch, header, plan.BodyLength);
    }

    public static byte[] Footer(Schema schema, IReadOnlyList<Block> dictionaries, IReadOnlyList<Block> batches,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var b = new FlatBufferBuilder();
        var schemaTable = SchemaSerializer.Write(b, schema);
        var dicts = Blocks(b, dictionaries);
        var records = Blocks(b, batches);
        var meta = metadata is null ? 0 : SchemaSerializer.WriteMetadata(b, metadata);
        b.StartTable(Fb.FooterSlots);
        b.AddInt16(Fb.FooterVersion, Fb.MetadataV5, -1);
        b.AddOffset(Fb.FooterSchema, schemaTable);
        b.AddOffset(Fb.FooterDictionaries, dicts);
        b.AddOffset(Fb.FooterRecordBatches, records);
        b.AddOffset(Fb.FooterCustomMetadata, meta);
        return b.Finish(b.EndTable()).ToArray();
    }

    private static int Blocks(FlatBufferBuilder b, IReadOnlyList<Block> blocks)
    {
        var span = b.StartVector(Fb.BlockSize, blocks.Count, 8);
        for (var i = 0; i < blocks.Count; i++)
        {
            var s = span.Slice(i * Fb.BlockSize, Fb.BlockSize);
            BinaryPrimitives.WriteInt64LittleEndian(s, blocks[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(s[8..], blocks[i].MetadataLength);
            BinaryPrimitives.WriteInt64LittleEndian(s[16..], blocks[i].BodyLength);
        }

        return b.EndVector(blocks.Count);
    }

    private static int RecordBatchTable(FlatBufferBuilder b, long length, BodyPlan plan)
    {
        var nodes = b.StartVector(Fb.FieldNodeSize, plan.Nodes.Count, 8);
        for (var i = 0; i < plan.Nodes.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(nodes[(i * 16)..], plan.Nodes[i].Length);
            BinaryPrimitives.WriteInt64LittleEndian(nodes[((i * 16) + 8)..], plan.Nodes[i].NullCount);
        }

        var nodesOffset = b.EndVector(plan.Nodes.Count);
        var buffers = b.StartVector(Fb.BufferSize, plan.Buffers.Count, 8);
        for (var i = 0; i < plan.Buffers.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffers[(i * 16)..], plan.Offsets[i]);
            BinaryPrimitives.WriteInt64LittleEndian(buffers[((i * 16) + 8)..], plan.Buffers[i].Length);
        }

        var buffersOffset = b.EndVector(plan.Buffers.Count);
        b.StartTable(Fb.BatchSlots);
        b.AddInt64(Fb.BatchLength, length, -1);
        b.AddOffset(Fb.BatchNodes, nodesOffset);
        b.AddOffset(Fb.BatchBuffers, buffersOffset);
        return b.EndTable();
    }

    private static byte[] Message(FlatBufferBuilder b, byte headerType, int header, long bodyLength)
    {
        b.StartTable(Fb.MessageSlots);
        b.AddInt16(Fb.MessageVersion, Fb.MetadataV5, -1);
        b.AddByte(Fb.MessageHeaderType, headerType, 0);
        b.AddOffset(Fb.MessageHeader, header);
        b.AddInt64(Fb.MessageBodyLength, bodyLength, 0);
        return b.Finish(b.EndTable()).ToArray();
    }
}
