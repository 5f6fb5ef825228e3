using System.Runtime.InteropServices;
using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Ipc;

public class RoundTripTests
{
    private static byte[] WriteFile(IReadOnlyList<RecordBatch> batches, Schema schema, ArrowWriterOptions? options = null)
    {
        var ms = new MemoryStream();
        using (var writer = new ArrowFileWriter(ms, schema, options, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                writer.WriteRecordBatch(b);
            }

            writer.Finish();
        }

        return ms.ToArray();
    }

    private static byte[] WriteStream(IReadOnlyList<RecordBatch> batches, Schema schema, ArrowWriterOptions? options = null)
    {
        var ms = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ms, schema, options, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                writer.WriteRecordBatch(b);
            }

            writer.Finish();
        }

        return ms.ToArray();
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    public void ArrowFileWriter_AllTypes_ReadsBackBitExact(int alignment)
    {
        var batches = SampleData.AllTypesBatches(37, 23, 0, 64);
        var bytes = WriteFile(batches, batches[0].Schema, new ArrowWriterOptions { Alignment = alignment });

        using var reader = new ArrowFileReader(bytes);
        Assert.Equal(batches.Count, reader.RecordBatchCount);
        Assert.True(batches[0].Schema.Equals(reader.Schema));
        BatchAssert.Equal(batches, [.. reader.ReadAll()]);
    }

    [Fact]
    public void ArrowFileReader_RandomAccess_ReturnsRequestedBatch()
    {
        var batches = SampleData.AllTypesBatches(3, 5, 7, 11);
        using var reader = new ArrowFileReader(WriteFile(batches, batches[0].Schema));
        foreach (var i in new[] { 3, 0, 2, 1, 3 })
        {
            BatchAssert.Equal(batches[i], reader.ReadRecordBatch(i));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadRecordBatch(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadRecordBatch(-1));
    }

    [Fact]
    public async Task ArrowFileReader_MappedFileAndSeekableStream_ReadBackBitExact()
    {
        var batches = SampleData.AllTypesBatches(20, 30);
        using var file = new TempFile();
        await File.WriteAllBytesAsync(file.Path, WriteFile(batches, batches[0].Schema));

        using (var mapped = ArrowFileReader.OpenFile(file.Path))
        {
            BatchAssert.Equal(batches, [.. mapped.ReadAll()]);
        }

        using var stream = new ArrowFileReader(File.OpenRead(file.Path));
        var read = new List<RecordBatch>();
        for (var i = 0; i < stream.RecordBatchCount; i++)
        {
            read.Add(await stream.ReadRecordBatchAsync(i));
        }

        BatchAssert.Equal(batches, read);
    }

    [Fact]
    public void OpenFile_ArraysOutliveDisposedReader_StillReadable()
    {
        var batches = SampleData.AllTypesBatches(10);
        using var file = new TempFile();
        File.WriteAllBytes(file.Path, WriteFile(batches, batches[0].Schema));
        RecordBatch batch;
        using (var reader = ArrowFileReader.OpenFile(file.Path))
        {
            batch = reader.ReadRecordBatch(0);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        BatchAssert.Equal(batches[0], batch);
    }

    [Fact]
    public async Task ArrowStreamWriter_AllTypes_ReadsBackFromStreamAndMemory()
    {
        var batches = SampleData.AllTypesBatches(37, 0, 23);
        var bytes = WriteStream(batches, batches[0].Schema);

        using (var fromMemory = new ArrowStreamReader(bytes))
        {
            BatchAssert.Equal(batches, [.. fromMemory]);
        }

        using var fromStream = new ArrowStreamReader(new NonSeekableStream(bytes));
        var read = new List<RecordBatch>();
        await foreach (var b in fromStream.ReadAllAsync())
        {
            read.Add(b);
        }

        BatchAssert.Equal(batches, read);
    }

    [Fact]
    public async Task ArrowStreamWriter_Async_MatchesSyncBytes()
    {
        var batches = SampleData.AllTypesBatches(9, 4);
        var sync = WriteStream(batches, batches[0].Schema);
        var ms = new MemoryStream();
        await using (var writer = new ArrowStreamWriter(ms, batches[0].Schema, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                await writer.WriteRecordBatchAsync(b);
            }

            await writer.FinishAsync();
        }

        Assert.Equal(sync, ms.ToArray());
    }

    [Fact]
    public void ArrowFileWriter_NoBatches_WritesReadableEmptyFile()
    {
        var schema = SampleData.AllTypesSchema();
        using var reader = new ArrowFileReader(WriteFile([], schema));
        Assert.Equal(0, reader.RecordBatchCount);
        Assert.True(schema.Equals(reader.Schema));

        using var stream = new ArrowStreamReader(WriteStream([], schema));
        Assert.True(schema.Equals(stream.Schema));
        Assert.Null(stream.ReadNextRecordBatch());
    }

    [Fact]
    public void ArrowFileWriter_FloatVectors_AreReadZeroCopyAndAligned()
    {
        const int dim = 384;
        var schema = new Schema([new Field("v", ArrowType.FixedSizeList(ArrowType.Float32, dim), false)]);
        var builder = new FixedSizeListArrayBuilder((FixedSizeListType)schema[0].Type, 10);
        var values = new float[10 * dim];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.5f;
        }

        builder.AppendRange<float>(values);
        var bytes = WriteFile([new RecordBatch(schema, [builder.Build()], 10)], schema);

        using var reader = new ArrowFileReader(bytes);
        var vectors = (FixedSizeListArray)reader.ReadRecordBatch(0).Column(0);
        Assert.True(vectors.GetAllValues<float>().SequenceEqual(values));
        Assert.True(MemoryMarshal.TryGetArray(vectors.GetAllValuesMemory<float>(), out var segment));
        Assert.Same(bytes, segment.Array); // points into the file bytes: no copy
        Assert.Equal(0, segment.Offset % 64); // the writer aligns buffers (and bodies) to 64 bytes
        Assert.True(vectors.GetValues<float>(3).SequenceEqual(values.AsSpan(3 * dim, dim)));
    }

    [Fact]
    public void OpenFile_FloatVectors_ComeFromTheMappingNotTheHeap()
    {
        var schema = new Schema([new Field("v", ArrowType.FixedSizeList(ArrowType.Float32, 4), false)]);
        var builder = new FixedSizeListArrayBuilder((FixedSizeListType)schema[0].Type);
        builder.Append<float>([1, 2, 3, 4]);
        using var file = new TempFile();
        File.WriteAllBytes(file.Path, WriteFile([new RecordBatch(schema, [builder.Build()], 1)], schema));
        using var reader = ArrowFileReader.OpenFile(file.Path);
        var vectors = (FixedSizeListArray)reader.ReadRecordBatch(0).Column(0);
        var memory = vectors.GetAllValuesMemory<float>();
        Assert.False(MemoryMarshal.TryGetArray(memory, out _));
        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, System.Buffers.MemoryManager<byte>>(memory, out _));
        Assert.Equal([1f, 2, 3, 4], vectors.GetAllValues<float>().ToArray());
    }

    [Fact]
    public void ArrowFileWriter_SlicedArrays_WriteOnlyTheSlice()
    {
        var batch = SampleData.AllTypesBatches(50)[0];
        var columns = batch.Columns.Select(c => c.Slice(13, 29)).ToArray();
        var sliced = new RecordBatch(batch.Schema, columns, 29);
        using var reader = new ArrowFileReader(WriteFile([sliced], batch.Schema));
        BatchAssert.Equal(sliced, reader.ReadRecordBatch(0));
    }

    [Fact]
    public void ArrowStreamWriter_ReplacedDictionary_ReaderSeesEachBatchsDictionary()
    {
        var type = ArrowType.Dictionary(ArrowType.Int32, ArrowType.Utf8);
        var schema = new Schema([new Field("d", type)]);
        var builder = new StringDictionaryArrayBuilder(type);
        builder.Append("a");
        builder.Append("b");
        var first = new RecordBatch(schema, [builder.Build()], 2);
        builder.ResetDictionary();
        builder.Append("z");
        builder.Append("a");
        var second = new RecordBatch(schema, [builder.Build()], 2);

        using var reader = new ArrowStreamReader(WriteStream([first, second], schema));
        var read = reader.ToList();
        BatchAssert.Equal([first, second], read);
        Assert.Equal(2, ((DictionaryArray)read[1].Column(0)).Dictionary.Length);
    }

    [Fact]
    public void ArrowFileWriter_ReplacedDictionary_Throws()
    {
        var type = ArrowType.Dictionary(ArrowType.Int32, ArrowType.Utf8);
        var schema = new Schema([new Field("d", type)]);
        var builder = new StringDictionaryArrayBuilder(type);
        builder.Append("a");
        var first = new RecordBatch(schema, [builder.Build()], 1);
        builder.ResetDictionary();
        builder.Append("b");
        var second = new RecordBatch(schema, [builder.Build()], 1);

        using var writer = new ArrowFileWriter(new MemoryStream(), schema);
        writer.WriteRecordBatch(first);
        var e = Assert.Throws<InvalidOperationException>(() => writer.WriteRecordBatch(second));
        Assert.Contains("cannot replace a dictionary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrowFileWriter_GrowingDictionary_WritesDeltasAndReadsBack()
    {
        var type = ArrowType.Dictionary(ArrowType.UInt16, ArrowType.LargeUtf8);
        var schema = new Schema([new Field("d", type)]);
        var builder = new StringDictionaryArrayBuilder(type);
        var batches = new List<RecordBatch>();
        for (var b = 0; b < 4; b++)
        {
            for (var i = 0; i < 10; i++)
            {
                builder.Append("v" + ((b * 3) + (i % 5)));
            }

            batches.Add(new RecordBatch(schema, [builder.Build()], 10));
        }

        var bytes = WriteFile(batches, schema);
        using var reader = new ArrowFileReader(bytes);
        BatchAssert.Equal(batches, [.. reader.ReadAll()]);
        var dictionary = ((DictionaryArray)reader.ReadRecordBatch(0).Column(0)).Dictionary;
        Assert.Equal(builder.DictionaryCount, dictionary.Length); // the file's dictionary is all deltas combined

        using var stream = new ArrowStreamReader(WriteStream(batches, schema));
        BatchAssert.Equal(batches, [.. stream]);
    }

    [Fact]
    public void ArrowFileWriter_NestedAndGeneralDictionaries_ReadBack()
    {
        // dictionary<int16, int64> built from parts, and a dictionary of structs whose member is itself dictionary-encoded
        var inner = ArrowType.Dictionary(ArrowType.Int8, ArrowType.Utf8);
        var innerBuilder = new StringDictionaryArrayBuilder(inner);
        innerBuilder.Append("x");
        innerBuilder.Append("y");
        innerBuilder.Append("x");
        var structType = ArrowType.Struct(new Field("name", inner), new Field("n", ArrowType.Int32));
        var structValues = new StructArray(structType,
            [innerBuilder.Build(), Int32s(10, 20, 30)], 3);
        var outer = ArrowType.Dictionary(ArrowType.Int32, structType);
        var longs = ArrowType.Dictionary(ArrowType.Int16, ArrowType.Int64);
        var schema = new Schema([new Field("s", outer), new Field("l", longs)]);

        var indices = new PrimitiveArrayBuilder<int>(ArrowType.Int32);
        indices.Append(2);
        indices.AppendNull();
        indices.Append(0);
        indices.Append(2);
        var longIndices = new PrimitiveArrayBuilder<short>(ArrowType.Int16);
        longIndices.AppendRange([1, 0, 1, 1]);
        var longValues = new PrimitiveArrayBuilder<long>(ArrowType.Int64);
        longValues.AppendRange([long.MinValue, long.MaxValue]);
        var batch = new RecordBatch(schema,
            [new DictionaryArray(outer, indices.Build(), structValues), new DictionaryArray(longs, longIndices.Build(), longValues.Build())], 4);

        using var reader = new ArrowFileReader(WriteFile([batch], schema));
        BatchAssert.Equal(batch, reader.ReadRecordBatch(0));
        using var stream = new ArrowStreamReader(WriteStream([batch], schema));
        BatchAssert.Equal(batch, stream.Single());
    }

    [Fact]
    public void ArrowFileWriter_SchemaAndFieldMetadata_RoundTrip()
    {
        var schema = new Schema(
            [new Field("a", ArrowType.Int32, false, [new("k1", "v1"), new("ARROW:extension:name", "x.y"), new("empty", "")])],
            [new("ferry:frame", "{\"dim\":384}"), new("unicode", "é漢🙂")]);
        var options = new ArrowWriterOptions { FooterMetadata = new Dictionary<string, string> { ["footer"] = "yes" } };
        using var reader = new ArrowFileReader(WriteFile([], schema, options));
        Assert.True(schema.Equals(reader.Schema));
        Assert.Equal(["ferry:frame", "unicode"], reader.Schema.Metadata.Keys);
        Assert.Equal("yes", reader.FooterMetadata["footer"]);
        Assert.Equal("", reader.Schema[0].Metadata["empty"]);
    }

    [Fact]
    public void ArrowFileWriter_BatchOfOtherSchema_Throws()
    {
        var schema = new Schema([new Field("a", ArrowType.Int32)]);
        var other = new Schema([new Field("a", ArrowType.Int64)]);
        var b = new PrimitiveArrayBuilder<long>(ArrowType.Int64);
        b.Append(1);
        using var writer = new ArrowFileWriter(new MemoryStream(), schema);
        Assert.Throws<ArgumentException>(() => writer.WriteRecordBatch(new RecordBatch(other, [b.Build()], 1)));
    }

    [Fact]
    public void ArrowFileWriter_AfterFinish_Throws()
    {
        var schema = new Schema([new Field("a", ArrowType.Int32)]);
        using var writer = new ArrowFileWriter(new MemoryStream(), schema);
        writer.Finish();
        Assert.Throws<InvalidOperationException>(() => writer.Finish());
    }

    [Fact]
    public void ArrowWriterOptions_BadAlignment_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ArrowFileWriter(new MemoryStream(), new Schema([]), new ArrowWriterOptions { Alignment = 12 }));

    private static ArrowArray Int32s(params int[] values)
    {
        var b = new PrimitiveArrayBuilder<int>(ArrowType.Int32);
        b.AppendRange(values);
        return b.Build();
    }
}
