using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ferry.Text.Json;

namespace Ferry.Benchmarks.Text;

/// <summary>
/// One 384-dimensional embedding as a JSON array (times are per array): System.Text.Json's reader with
/// GetSingle (the baseline) against <see cref="JsonNumberArray"/>, and writing it back.
/// </summary>
[MemoryDiagnoser]
public class JsonArrayBenchmarks
{
    private readonly float[] _destination = new float[NumberCorpus.Dimension];
    private readonly byte[] _output = new byte[JsonNumberArray.GetMaxByteCount(NumberCorpus.Dimension)];
    private byte[] _json = [];
    private float[] _values = [];

    [Params(NumberCorpus.JsonStringifyShape, NumberCorpus.FloatShortestShape)]
    public string Shape { get; set; } = NumberCorpus.JsonStringifyShape;

    [GlobalSetup]
    public void Setup()
    {
        _values = NumberCorpus.Embeddings(NumberCorpus.Dimension, 3);
        _json = NumberCorpus.JsonArray(_values, Shape);
    }

    [Benchmark(Baseline = true)]
    public int Utf8JsonReaderGetSingle()
    {
        var reader = new Utf8JsonReader(_json);
        reader.Read();
        int count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            _destination[count++] = reader.GetSingle();
        }

        return count;
    }

    [Benchmark]
    public int Utf8JsonReaderWithFerryArray()
    {
        // How a JSON Lines reader walking a record hands the embedding to the fast parser.
        ReadOnlySpan<byte> json = _json;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return reader.ReadSingleArray(ref json, _destination);
    }

    [Benchmark]
    public int FerryParseSingles() => JsonNumberArray.ParseSingles(_json, _destination, out _);

    [Benchmark]
    public int RuntimeFormatSingles()
    {
        // What writing the array with float.TryFormat would cost (the formatter Ferry replaced).
        Span<byte> output = _output;
        output[0] = (byte)'[';
        int o = 1;
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                output[o++] = (byte)',';
            }

            _values[i].TryFormat(output[o..], out int written, default, CultureInfo.InvariantCulture);
            o += written;
        }

        output[o++] = (byte)']';
        return o;
    }

    [Benchmark]
    public int FerryWriteSingles()
    {
        JsonNumberArray.TryWriteSingles(_values, _output, out int written);
        return written;
    }
}
