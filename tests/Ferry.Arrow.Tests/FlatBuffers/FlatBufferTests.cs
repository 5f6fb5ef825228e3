using System.Buffers.Binary;
using Ferry.Arrow.FlatBuffers;
using Xunit;

namespace Ferry.Arrow.Tests.FlatBuffers;

public class FlatBufferTests
{
    private static byte[] BuildSample()
    {
        var b = new FlatBufferBuilder(16); // small, to exercise growth
        var name = b.CreateString("héllo");
        var childName = b.CreateString("child");
        b.StartTable(1);
        b.AddOffset(0, childName);
        var child = b.EndTable();
        var children = b.CreateOffsetVector([child, child]);
        var structs = b.StartVector(16, 2, 8);
        BinaryPrimitives.WriteInt64LittleEndian(structs, 7);
        BinaryPrimitives.WriteInt64LittleEndian(structs[8..], -8);
        BinaryPrimitives.WriteInt64LittleEndian(structs[16..], long.MaxValue);
        BinaryPrimitives.WriteInt64LittleEndian(structs[24..], 9);
        var vector = b.EndVector(2);
        b.StartTable(8);
        b.AddOffset(0, name);
        b.AddBool(1, true, false);
        b.AddInt16(2, -3, 0);
        b.AddInt32(3, 123456, 0);
        b.AddInt64(4, long.MinValue, 0);
        b.AddOffset(5, children);
        b.AddOffset(6, vector);
        b.AddInt32(7, 42, 42); // equal to default: omitted
        return b.Finish(b.EndTable()).ToArray();
    }

    [Fact]
    public void Builder_Table_ReadsBackEveryField()
    {
        var t = FlatBufferTable.Root(BuildSample());
        Assert.Equal("héllo", t.GetString(0));
        Assert.True(t.GetBool(1));
        Assert.Equal(-3, t.GetInt16(2));
        Assert.Equal(123456, t.GetInt32(3));
        Assert.Equal(long.MinValue, t.GetInt64(4));
        Assert.Equal(2, t.GetVectorLength(5));
        Assert.Equal("child", t.GetTableElement(5, 1).GetString(0));
        var bytes = t.GetVectorBytes(6, 16, out var count);
        Assert.Equal(2, count);
        Assert.Equal(long.MaxValue, BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]));
        Assert.False(t.HasField(7));
        Assert.Equal(42, t.GetInt32(7, 42));
        Assert.Equal(99, t.GetInt32(30, 99)); // beyond the vtable: default
        Assert.Null(t.GetString(31));
    }

    [Fact]
    public void Reader_RootOffsetOutside_ThrowsInvalidData()
    {
        var bytes = BuildSample();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        Assert.Throws<InvalidDataException>(() => FlatBufferTable.Root(bytes));
        Assert.Throws<InvalidDataException>(() => FlatBufferTable.Root(new byte[4]));
    }

    [Fact]
    public void Reader_EveryCorruptedByte_ThrowsInvalidDataOrReadsSomething()
    {
        var original = BuildSample();
        for (var i = 0; i < original.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0x7F, 0xFF })
            {
                var bytes = (byte[])original.Clone();
                bytes[i] = value;
                try
                {
                    var t = FlatBufferTable.Root(bytes);
                    t.GetString(0);
                    t.GetInt64(4);
                    for (var c = 0; c < t.GetVectorLength(5); c++)
                    {
                        t.GetTableElement(5, c).GetString(0);
                    }

                    t.GetVectorBytes(6, 16, out _);
                }
                catch (InvalidDataException)
                {
                }
            }
        }
    }
}
