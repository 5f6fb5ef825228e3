using System.Buffers.Text;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ferry.Text.Numbers;

namespace Ferry.Benchmarks.Text;

/// <summary>One float literal at a time (times are per literal): runtime parsers against Ferry's exact parser.</summary>
[MemoryDiagnoser]
public class FloatParsingBenchmarks
{
    private const int Count = 38_400;
    private byte[] _text = [];
    private int[] _starts = [];
    private int[] _lengths = [];

    [Params(NumberCorpus.JsonStringifyShape, NumberCorpus.FloatShortestShape)]
    public string Shape { get; set; } = NumberCorpus.JsonStringifyShape;

    [GlobalSetup]
    public void Setup() => (_text, _starts, _lengths) = NumberCorpus.Literals(NumberCorpus.Embeddings(Count, 1), Shape);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public float FloatParse()
    {
        float sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += float.Parse(_text.AsSpan(_starts[i], _lengths[i]), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public float Utf8ParserTryParse()
    {
        float sum = 0;
        for (int i = 0; i < Count; i++)
        {
            Utf8Parser.TryParse(_text.AsSpan(_starts[i], _lengths[i]), out float value, out _);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public float FerryTryParseSingle()
    {
        float sum = 0;
        for (int i = 0; i < Count; i++)
        {
            Utf8Number.TryParseSingle(_text.AsSpan(_starts[i], _lengths[i]), out float value, out _);
            sum += value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double FerryTryParseDouble()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            Utf8Number.TryParseDouble(_text.AsSpan(_starts[i], _lengths[i]), out double value, out _);
            sum += value;
        }

        return sum;
    }
}
