using Ferry.Arrow.FlatBuffers;

namespace Ferry.Arrow.Ipc;

/// <summary>A parsed Message.fbs header.</summary>
internal readonly record struct IpcMessage(byte HeaderType, FlatBufferTable Header, long BodyLength)
{
    public static IpcMessage Parse(ReadOnlyMemory<byte> metadata)
    {
        var message = FlatBufferTable.Root(metadata);
        var version = message.GetInt16(Fb.MessageVersion);
        if (version < Fb.MetadataV4)
        {
            throw new ArrowNotSupportedException(
                $"Arrow metadata version V{version + 1} (written before Arrow 1.0) is not supported; V4 and V5 are.");
        }

        var headerType = message.GetByte(Fb.MessageHeaderType);
        var header = message.GetTable(Fb.MessageHeader)
            ?? throw IpcErrors.Invalid("a message has no header.");
        var bodyLength = message.GetInt64(Fb.MessageBodyLength);
        if (bodyLength < 0)
        {
            throw IpcErrors.Invalid($"a message declares a negative body length ({bodyLength}).");
        }

        if (headerType is Fb.HeaderTensor or Fb.HeaderSparseTensor)
        {
            throw new ArrowNotSupportedException("Arrow tensor messages are not supported by Ferry.Arrow.");
        }

        if (headerType is not (Fb.HeaderSchema or Fb.HeaderDictionaryBatch or Fb.HeaderRecordBatch))
        {
            throw IpcErrors.Invalid($"unknown message header type {headerType}.");
        }

        return new IpcMessage(headerType, header, bodyLength);
    }
}
