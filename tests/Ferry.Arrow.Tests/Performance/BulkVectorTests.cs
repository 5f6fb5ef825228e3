using System.Diagnostics;
using System.Globalization;
using Ferry.Arrow.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Arrow.Tests.Performance;

/// <summary>
/// 100k rows × 384-dim float32 vectors plus string columns: building and writing allocate nothing
/// per element, and reading a memory-mapped file copies no vector data. Timings are printed, not
/// asserted (the machine is shared); allocations are asserted, since they do not depend on load.
/// </summary>
public class BulkVectorTests(ITestOutputHelper output)
{
    private const int Rows = 100_000;
    private const int Dimension = 384;

    [Fact]
    public void WriteAndRead_100kVectors_NoPerElementAllocationsAndZeroCopyRead()
    {
        var schema = new Schema([
            new Field("id", ArrowType.Utf8, false),
            new Field("text", ArrowType.Utf8),
            new Field("lang", ArrowType.Dictionary(ArrowType.Int32, ArrowType.Utf8)),
            new Field("embedding", ArrowType.FixedSizeList(ArrowType.Float32, Dimension), false),
        ]);
        var vectors = new float[Rows * Dimension];
        var random = new Random(42);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)random.NextDouble();
        }

        var ids = new string[Rows];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = "doc-" + i.ToString(CultureInfo.InvariantCulture);
        }

        var text = "The quick brown fox jumps over the lazy dog, again and again, to fill about a hundred bytes."u8.ToArray();
        string[] languages = ["en", "fr", "de", "ja"];

        // Baseline: allocate and copy the vector bytes once, which is what building has to do at least.
        var sw = Stopwatch.StartNew();
        var baseline = GC.AllocateUninitializedArray<float>(vectors.Length);
        vectors.AsSpan().CopyTo(baseline);
        var baselineTime = sw.Elapsed;
        GC.KeepAlive(baseline);
        baseline = null;

        // Build
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        sw.Restart();
        var builder = new RecordBatchBuilder(schema, Rows);
        var idBuilder = builder.Column<StringArrayBuilder>(0);
        var textBuilder = builder.Column<StringArrayBuilder>(1);
        var langBuilder = builder.Column<StringDictionaryArrayBuilder>(2);
        var vectorBuilder = builder.Column<FixedSizeListArrayBuilder>(3);
        for (var i = 0; i < Rows; i++)
        {
            idBuilder.Append(ids[i]);
            textBuilder.AppendUtf8(text);
            langBuilder.Append(languages[i & 3]);
            vectorBuilder.Append<float>(vectors.AsSpan(i * Dimension, Dimension));
        }

        var batch = builder.Build();
        var buildTime = sw.Elapsed;
        var buildAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long vectorBytes = (long)Rows * Dimension * sizeof(float);

        // Write (to a counting sink: measures serialization, not the disk)
        var sink = new CountingStream();
        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        sw.Restart();
        using (var writer = new ArrowFileWriter(sink, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.Finish();
        }

        var writeTime = sw.Elapsed;
        var writeAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Write to disk and read back memory-mapped
        using var file = new TempFile();
        sw.Restart();
        using (var stream = File.Create(file.Path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteRecordBatch(batch);
            writer.Finish();
        }

        var diskWriteTime = sw.Elapsed;
        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        sw.Restart();
        using var reader = ArrowFileReader.OpenFile(file.Path);
        var read = reader.ReadRecordBatch(0);
        var embedding = read.Column<FixedSizeListArray>("embedding");
        var all = embedding.GetAllValues<float>();
        var readTime = sw.Elapsed;
        var readAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        sw.Restart();
        var sum = 0.0;
        foreach (var v in all)
        {
            sum += v;
        }

        var scanTime = sw.Elapsed;

        output.WriteLine($"rows {Rows}, dim {Dimension}, vector data {vectorBytes / 1e6:F1} MB, file {sink.Length / 1e6:F1} MB");
        output.WriteLine($"baseline (allocate + copy the vector bytes once): {baselineTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"build: {buildTime.TotalMilliseconds:F0} ms, allocated {buildAllocated / 1e6:F1} MB");
        output.WriteLine($"write to a discarding sink (writer overhead, no copy): {writeTime.TotalMilliseconds:F0} ms, allocated {writeAllocated / 1e3:F1} KB");
        output.WriteLine($"write to disk: {diskWriteTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"open + read batch (mapped): {readTime.TotalMilliseconds:F1} ms, allocated {readAllocated / 1e3:F1} KB");
        output.WriteLine($"scan all floats from the mapping: {scanTime.TotalMilliseconds:F0} ms (sum {sum:F1})");

        Assert.Equal(Rows * Dimension, all.Length);
        Assert.True(all.SequenceEqual(vectors));
        Assert.Equal("doc-99999", read.Column<StringArray>("id").GetString(Rows - 1));
        Assert.True(writeAllocated < 1_000_000, $"writing allocated {writeAllocated} bytes: something is copied or boxed per element");
        Assert.True(readAllocated < 1_000_000, $"reading allocated {readAllocated} bytes: vector data was copied");

        // Builders sized with a capacity allocate the data once, plus the exact-size id/text/index
        // buffers: well under twice the payload.
        Assert.True(buildAllocated < vectorBytes * 1.5, $"building allocated {buildAllocated} bytes for {vectorBytes} bytes of vectors");
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
