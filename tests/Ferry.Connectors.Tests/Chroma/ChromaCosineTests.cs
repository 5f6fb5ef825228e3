using System.Globalization;
using Ferry.Connectors.Tests.Servers;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>
/// Chroma does not keep embeddings of cosine collections bit for bit (it normalizes them for its index and answers
/// values a few float32 units in the last place away). These tests pin down that documented behaviour: Ferry reads
/// exactly what the server answers, and the vectors stay within cosine 1 - 1e-6 of what was written.
/// </summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaCosineTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaCosineTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ReadAsync_CosineCollection_ExactToTheServerAndWithinCosineToleranceOfTheInput()
    {
        var name = "cosine-" + Guid.NewGuid().ToString("N")[..8];
        var records = _fixture.Corpus.Records.Take(300).ToList();
        var id = await _fixture.Api.CreateCollectionAsync(name, "cosine");
        await _fixture.Api.LoadAsync(id, records);

        await using var source = _fixture.Source(name);
        var outcome = await ConnectorRuns.ReadAllAsync(source);
        using var raw = await _fixture.Api.GetAsync(id, limit: 300, offset: 0);

        Assert.Empty(outcome.Failures);
        Assert.Equal(records.Count, outcome.Records.Count);
        var changed = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var served = raw.RootElement.GetProperty("embeddings")[i].EnumerateArray().Select(c => float.Parse(c.GetRawText(), CultureInfo.InvariantCulture)).ToArray();
            Ferry.Sdk.Testing.RecordAssert.Equal(
                new Record(records[i].Id) { Vector = served },
                new Record(outcome.Records[i].Id) { Vector = outcome.Records[i].Vector });
            var similarity = Cosine(records[i].Vector!, outcome.Records[i].Vector!);
            Assert.True(similarity >= 1 - 1e-6, $"{records[i].Id}: cosine {similarity}");
            changed += records[i].Vector!.AsSpan().SequenceEqual(outcome.Records[i].Vector!) ? 0 : 1;
        }

        // The reason the corpus collection is l2: here most vectors do change.
        Assert.True(changed > 0, "Chroma kept every cosine vector bit for bit; the documented caveat may be obsolete.");
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
