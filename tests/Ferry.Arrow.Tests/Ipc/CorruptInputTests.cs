using System.Buffers.Binary;
using Ferry.Arrow.Tests.Interop;
using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Ipc;

/// <summary>
/// Corrupt input must fail with <see cref="InvalidDataException"/> (or, for a valid-looking but
/// unsupported construct, <see cref="ArrowNotSupportedException"/>) — never an index, argument,
/// overflow or null-reference exception, and never a hang.
/// </summary>
public class CorruptInputTests
{
    private static readonly Lazy<(byte[] File, byte[] Stream)> Sample = new(() =>
    {
        var batches = SampleData.AllTypesBatches(6, 3);
        var file = new MemoryStream();
        using (var w = new ArrowFileWriter(file, batches[0].Schema, leaveOpen: true))
        {
            batches.ForEach(w.WriteRecordBatch);
            w.Finish();
        }

        var stream = new MemoryStream();
        using (var w = new ArrowStreamWriter(stream, batches[0].Schema, leaveOpen: true))
        {
            batches.ForEach(w.WriteRecordBatch);
            w.Finish();
        }

        return (file.ToArray(), stream.ToArray());
    });

    [Fact]
    public void ArrowFileReader_BadMagic_ThrowsInvalidData()
    {
        var bytes = (byte[])Sample.Value.File.Clone();
        bytes[0] = (byte)'X';
        var e = Assert.Throws<InvalidDataException>(() => new ArrowFileReader(bytes));
        Assert.Contains("ARROW1", e.Message, StringComparison.Ordinal);

        bytes = (byte[])Sample.Value.File.Clone();
        bytes[^1] = (byte)'X';
        e = Assert.Throws<InvalidDataException>(() => new ArrowFileReader(bytes));
        Assert.Contains("ARROW1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrowFileReader_StreamFormatBytes_ThrowsInvalidDataNamingTheStreamReader()
    {
        var e = Assert.Throws<InvalidDataException>(() => new ArrowFileReader(Sample.Value.Stream));
        Assert.Contains("ArrowStreamReader", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrowFileReader_EmptyOrTinyInput_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new ArrowFileReader(Array.Empty<byte>()));
        Assert.Throws<InvalidDataException>(() => new ArrowFileReader("ARROW1\0\0ARROW1"u8.ToArray()));
        using var empty = new TempFile();
        File.WriteAllBytes(empty.Path, []);
        Assert.Throws<InvalidDataException>(() => ArrowFileReader.OpenFile(empty.Path));
    }

    [Fact]
    public void ArrowFileReader_TruncatedAtEveryLength_ThrowsInvalidData()
    {
        var bytes = Sample.Value.File;
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes.AsMemory(0, length);
            // Without the trailing magic and footer a truncated file is always detected up front.
            Assert.Throws<InvalidDataException>(() => new ArrowFileReader(cut));
        }
    }

    [Fact]
    public void ArrowStreamReader_TruncatedAtEveryLength_FailsCleanlyOrReadsAPrefix()
    {
        var bytes = Sample.Value.Stream;
        var full = ReadStream(bytes).Count;
        var sawError = 0;
        for (var length = 0; length < bytes.Length; length += length < 4096 ? 1 : 11)
        {
            try
            {
                // A cut exactly between messages is a legal stream without an end-of-stream marker.
                Assert.True(ReadStream(bytes.AsMemory(0, length)).Count <= full);
            }
            catch (InvalidDataException)
            {
                sawError++;
            }
        }

        Assert.True(sawError > 4096 / 2, $"only {sawError} truncations were reported");
    }

    [Fact]
    public void ArrowStreamReader_TruncatedStreamOverStream_ThrowsInvalidData()
    {
        var bytes = Sample.Value.Stream.AsSpan(0, Sample.Value.Stream.Length - 100).ToArray();
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        Assert.Throws<InvalidDataException>(() => reader.ToList());
    }

    [Fact]
    public void ArrowFileReader_FooterOffsetsPointOutside_ThrowsInvalidData()
    {
        var bytes = (byte[])Sample.Value.File.Clone();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 10));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), footerLength + 1_000_000);
        Assert.Throws<InvalidDataException>(() => new ArrowFileReader(bytes));

        // A root offset past the end of the footer flatbuffer.
        bytes = (byte[])Sample.Value.File.Clone();
        var footerStart = bytes.Length - 10 - footerLength;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(footerStart), 0x7FFFFFF0);
        var e = Assert.Throws<InvalidDataException>(() => new ArrowFileReader(bytes));
        Assert.Contains("flatbuffer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrowStreamReader_HugeMetadataLength_ThrowsInvalidDataWithoutAllocating()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0x7F];
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        Assert.Throws<InvalidDataException>(() => reader.Schema);
    }

    [Fact]
    public void ArrowStreamReader_NotArrowAtAll_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new ArrowStreamReader("{\"hello\": \"world\"}"u8.ToArray()).Schema);
        Assert.Throws<InvalidDataException>(() => new ArrowStreamReader(Array.Empty<byte>()).Schema);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ArrowFileReader_RandomByteCorruption_NeverCrashes(int seed) =>
        Fuzz(Sample.Value.File, seed, bytes =>
        {
            using var reader = new ArrowFileReader(bytes);
            foreach (var batch in reader.ReadAll())
            {
                Touch(batch);
            }
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ArrowStreamReader_RandomByteCorruption_NeverCrashes(int seed) =>
        Fuzz(Sample.Value.Stream, seed, bytes =>
        {
            foreach (var batch in ReadStream(bytes))
            {
                Touch(batch);
            }
        });

    private static List<RecordBatch> ReadStream(ReadOnlyMemory<byte> bytes)
    {
        using var reader = new ArrowStreamReader(bytes);
        return [.. reader];
    }

    /// <summary>Reads every value, so a batch that was accepted is also safe to use.</summary>
    private static void Touch(RecordBatch batch)
    {
        foreach (var column in batch.Columns)
        {
            Touch(column);
        }
    }

    private static void Touch(ArrowArray array)
    {
        // A tiny corrupt file can legally describe billions of null values (the null type has no
        // buffers); reading it is fine, iterating it all is not the point of this test.
        if (array.Length > TouchLimit)
        {
            array = array.Slice(0, TouchLimit);
        }

        for (var i = 0; i < array.Length; i++)
        {
            array.IsNull(i);
        }

        switch (array)
        {
            case StringArray s:
                for (var i = 0; i < s.Length; i++)
                {
                    s.GetString(i);
                }

                break;
            case BinaryArray b:
                for (var i = 0; i < b.Length; i++)
                {
                    b.GetBytes(i);
                }

                break;
            case DecimalArray d:
                for (var i = 0; i < d.Length; i++)
                {
                    d.GetString(i);
                }

                break;
            case FixedSizeBinaryArray f:
                for (var i = 0; i < f.Length; i++)
                {
                    f.GetBytes(i);
                }

                break;
            case ListArray l:
                for (var i = 0; i < l.Length; i++)
                {
                    l.Values.Slice(l.GetValueOffset(i), l.GetValueLength(i));
                }

                Touch(l.Values);
                break;
            case FixedSizeListArray f:
                Touch(f.Values);
                break;
            case StructArray s:
                foreach (var c in s.Children)
                {
                    Touch(c);
                }

                break;
            case DictionaryArray d:
                for (var i = 0; i < d.Length; i++)
                {
                    if (d.IsValid(i))
                    {
                        d.Dictionary.IsNull(checked((int)d.GetIndex(i)));
                    }
                }

                Touch(d.Dictionary);
                break;
            case BooleanArray b:
                for (var i = 0; i < b.Length; i++)
                {
                    b.GetValue(i);
                }

                break;
            default:
                for (var i = 0; i < array.Length; i++)
                {
                    JsExpectation.Value(array, i);
                }

                break;
        }
    }

    private const int TouchLimit = 100_000;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);

    private static void Fuzz(byte[] original, int seed, Action<byte[]> read)
    {
        var random = new Random(seed);
        var metadataEnd = Math.Min(original.Length, 4096);
        for (var round = 0; round < 1000; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                // Mostly hit metadata (schema, batch headers, footer), sometimes anywhere.
                var region = random.Next(3);
                var at = region switch
                {
                    0 => random.Next(metadataEnd),
                    1 => bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 2048)),
                    _ => random.Next(bytes.Length),
                };
                bytes[at] = random.Next(4) == 0 ? (byte)0xFF : (byte)random.Next(256);
            }

            var attempt = Task.Run(() => read(bytes));
            try
            {
                if (!attempt.Wait(RoundTimeout))
                {
                    File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"ferry-arrow-hang-{seed}-{round}.bin"), bytes);
                    Assert.Fail($"seed {seed} round {round}: reading did not finish within {RoundTimeout.TotalSeconds} s (input saved in the temp folder).");
                }
            }
            catch (AggregateException a) when (a.InnerException is InvalidDataException or ArrowNotSupportedException)
            {
            }
            catch (AggregateException a)
            {
                var e = a.InnerException!;
                Assert.Fail($"seed {seed} round {round}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }
}
