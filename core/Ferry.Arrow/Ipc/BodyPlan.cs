using System.Runtime.InteropServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow.Ipc;

/// <summary>
/// The flattened form of a record batch for IPC: field nodes and buffers in pre-order, each buffer
/// placed at an aligned offset of the message body. Buffers are the arrays' own memory; nothing is
/// copied until the bytes are written to the output.
/// </summary>
internal sealed class BodyPlan
{
    private static readonly byte[] ZeroOffset = new byte[8];
    private readonly int _alignment;

    public BodyPlan(int alignment) => _alignment = alignment;

    public List<(long Length, long NullCount)> Nodes { get; } = [];

    public List<ReadOnlyMemory<byte>> Buffers { get; } = [];

    public List<long> Offsets { get; } = [];

    public long BodyLength { get; private set; }

    public static BodyPlan Create(IReadOnlyList<ArrowArray> columns, int alignment)
    {
        var plan = new BodyPlan(alignment);
        foreach (var column in columns)
        {
            plan.Add(column);
        }

        return plan;
    }

    private void AddBuffer(ReadOnlyMemory<byte> buffer)
    {
        Buffers.Add(buffer);
        Offsets.Add(BodyLength);
        BodyLength += Pad(buffer.Length);
    }

    public long Pad(long length) => (length + _alignment - 1) & ~(long)(_alignment - 1);

    private void AddValidity(ArrowArray array)
    {
        AddBuffer(array.NullCount == 0 || array.Validity.IsEmpty
            ? ReadOnlyMemory<byte>.Empty
            : array.Validity[..BitUtility.BytesForBits(array.Length)]);
    }

    private void AddOffsets(ReadOnlyMemory<byte> offsets, int length, bool isLarge)
    {
        // An empty array still carries its single zero offset, which strict readers expect.
        var width = isLarge ? 8 : 4;
        AddBuffer(length == 0 && offsets.Length < width ? ZeroOffset.AsMemory(0, width) : offsets[..((length + 1) * width)]);
    }

    private static long LastOffset(ReadOnlyMemory<byte> offsets, int length, bool isLarge)
    {
        if (offsets.IsEmpty)
        {
            return 0;
        }

        return isLarge
            ? MemoryMarshal.Read<long>(offsets.Span[(length * 8)..])
            : MemoryMarshal.Read<int>(offsets.Span[(length * 4)..]);
    }

    private void Add(ArrowArray array)
    {
        Nodes.Add((array.Length, array.NullCount));
        switch (array)
        {
            case NullArray:
                break;
            case BooleanArray a:
                AddValidity(a);
                AddBuffer(a.ValuesBuffer[..BitUtility.BytesForBits(a.Length)]);
                break;
            case BinaryArray a:
                AddValidity(a);
                AddOffsets(a.OffsetsBuffer, a.Length, a.IsLarge);
                AddBuffer(a.DataBuffer[..checked((int)LastOffset(a.OffsetsBuffer, a.Length, a.IsLarge))]);
                break;
            case FixedSizeBinaryArray a:
                AddValidity(a);
                AddBuffer(a.DataBuffer);
                break;
            case MapArray a:
                AddValidity(a);
                AddOffsets(a.OffsetsBuffer, a.Length, false);
                Add(a.Values);
                break;
            case ListArray a:
                AddValidity(a);
                AddOffsets(a.OffsetsBuffer, a.Length, a.IsLarge);
                Add(a.Values);
                break;
            case FixedSizeListArray a:
                AddValidity(a);
                Add(a.Values.Length == (long)a.Length * a.ListSize ? a.Values : a.Values.Slice(0, a.Length * a.ListSize));
                break;
            case StructArray a:
                AddValidity(a);
                foreach (var child in a.Children)
                {
                    Add(child.Length == a.Length ? child : child.Slice(0, a.Length));
                }

                break;
            case DictionaryArray a:
                AddValidity(a);
                AddBuffer(PrimitiveValues(a.Indices));
                break;
            default:
                AddValidity(array);
                AddBuffer(PrimitiveValues(array));
                break;
        }
    }

    private static ReadOnlyMemory<byte> PrimitiveValues(ArrowArray array) => array switch
    {
        IPrimitiveArray p => p.ValuesBuffer,
        _ => throw new InvalidOperationException($"Unexpected array class {array.GetType().Name} for {array.Type}."),
    };
}
