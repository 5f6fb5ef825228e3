using System.Globalization;
using System.Text;
using Ferry.Files.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit.Abstractions;

namespace Ferry.Files.Tests.Streaming;

/// <summary>
/// Sources and sinks stream: the live heap while writing or reading a file stays under a bound set by one batch and
/// the format's own buffers (Arrow: <c>batch_rows</c>), far below the file's size. A reader or writer that held the
/// file, its text or its records would exceed the bound, because the file is more than three times as large.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class StreamingMemoryTests : IDisposable
{
    private const int Records = 7000;
    private const int BatchSize = 100;
    private const int SampleEveryBatches = 5;
    private const long Bound = 8L * 1024 * 1024;

    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;

    public StreamingMemoryTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData("json", "")]
    [InlineData("json", ".gz.enc")]
    [InlineData("jsonl", "")]
    [InlineData("csv", ".br")]
    [InlineData("xml", "")]
    [InlineData("yaml", "")]
    [InlineData("markdown", "")]
    [InlineData("arrow", "")]
    public async Task WriteAndRead_FileOverThreeTimesTheBound_LiveHeapStaysUnderIt(string format, string wrapper)
    {
        var @case = Formats.Get(format);
        var path = _folder.File("big" + @case.Extension + wrapper);
        (string, string)[] options = format == "arrow"
            ? [("key_env", TestKeys.Variable), ("batch_rows", "200")]
            : format == "jsonl" ? [] : [("key_env", TestKeys.Variable)];

        var baseline = LiveBytes();
        var writePeak = 0L;
        await using (var sink = @case.Sink.Create(Connectors.Context(path, null, options)))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
            for (var batch = 0; batch < Records / BatchSize; batch++)
            {
                var records = new List<Record>(BatchSize);
                for (var i = 0; i < BatchSize; i++)
                {
                    records.Add(Make((batch * BatchSize) + i));
                }

                var result = await sink.UpsertAsync(records, CancellationToken.None);
                Assert.Empty(result.Failures);
                if (batch % SampleEveryBatches == SampleEveryBatches - 1)
                {
                    // The engine flushes before every checkpoint; a flush must not make the sink keep anything either.
                    await sink.FlushAsync(CancellationToken.None);
                    writePeak = Math.Max(writePeak, LiveBytes() - baseline);
                }
            }

            await sink.FlushAsync(CancellationToken.None);
        }

        var size = new FileInfo(path).Length;
        Assert.True(size > 3 * Bound, $"the {format} file has {size:N0} bytes; the test needs more than {3 * Bound:N0}");
        Assert.True(writePeak < Bound, $"writing {format}{wrapper}: the live heap grew by {writePeak:N0} bytes (bound {Bound:N0}, file {size:N0})");

        baseline = LiveBytes();
        var readPeak = 0L;
        var count = 0;
        var batches = 0;
        await using (var source = @case.Source.Create(Connectors.Context(path, null, options)))
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = BatchSize }, CancellationToken.None))
            {
                Assert.Empty(batch.Failures);
                foreach (var record in batch.Records)
                {
                    Assert.Equal(Id(count), record.Id);
                    count++;
                }

                if (++batches % SampleEveryBatches == 0)
                {
                    readPeak = Math.Max(readPeak, LiveBytes() - baseline);
                }
            }
        }

        _output.WriteLine($"{format}{wrapper}: file {size:N0} bytes; live heap growth: writing {writePeak:N0}, reading {readPeak:N0} bytes");
        Assert.Equal(Records, count);
        Assert.True(batches >= Records / BatchSize / 2, $"{batches} batches: the source did not deliver in batches");
        Assert.True(readPeak < Bound, $"reading {format}{wrapper}: the live heap grew by {readPeak:N0} bytes (bound {Bound:N0}, file {size:N0})");
    }

    public void Dispose() => _folder.Dispose();

    private static long LiveBytes() => GC.GetTotalMemory(forceFullCollection: true);

    private static string Id(int i) => "doc-" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// About 5 KB on disk in every format: 4,800 characters of text, a 32-dimensional vector and a few metadata values.
    /// The text is pseudo-random over 64 characters, so compression keeps about three quarters of it.
    /// </summary>
    private static Record Make(int i)
    {
        var record = new Record(Id(i))
        {
            Title = "Document " + i.ToString(CultureInfo.InvariantCulture),
            Text = RandomText(i, 4800),
        };
        var vector = new float[32];
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] = ((i * 31) + d) * 0.001f;
        }

        record.Vector = vector;
        record.Metadata["n"] = (long)i;
        record.Metadata["score"] = i * 0.5;
        record.Metadata["tag"] = "tag-" + (i % 7).ToString(CultureInfo.InvariantCulture);
        return record;
    }

    private static string RandomText(int seed, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.";
        var text = new StringBuilder(length);
        var state = (uint)seed * 2654435761u | 1u;
        for (var c = 0; c < length; c++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            text.Append(Alphabet[(int)(state & 63)]);
        }

        return text.ToString();
    }
}

/// <summary>Heap measurements run alone: tests running in parallel would allocate into the same heap.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;
