using System.Globalization;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Benchmarks.Frame;

/// <summary>
/// Reads the shared bench corpus (<c>gen-dataset.mjs</c>: corpus.jsonl and queries.json) into records and queries.
/// A plain System.Text.Json reader: the fast JSONL path is the ingest pipeline's, not the store's, so the harness
/// times the parse separately and reports the Frame write on its own.
/// </summary>
internal static class BenchCorpus
{
    public static List<Record> ReadRecords(string path, int limit)
    {
        var records = new List<Record>();
        using var reader = new StreamReader(path);
        string? line;
        while (records.Count < limit && (line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var record = new Record(root.GetProperty("id").GetString()!)
            {
                Title = root.TryGetProperty("title", out var title) ? title.GetString() : null,
                Text = root.TryGetProperty("text", out var text) ? text.GetString() : null,
            };
            var embedding = root.GetProperty("embedding");
            var vector = new float[embedding.GetArrayLength()];
            var i = 0;
            foreach (var component in embedding.EnumerateArray())
            {
                vector[i++] = component.GetSingle();
            }

            record.Vector = vector;
            if (root.TryGetProperty("metadata", out var metadata))
            {
                foreach (var property in metadata.EnumerateObject())
                {
                    record.Metadata[property.Name] = property.Name == "published" && property.Value.ValueKind == JsonValueKind.String
                        ? MetadataValue.FromTimestamp(DateTimeOffset.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture))
                        : ToMetadata(property.Value);
                }
            }

            records.Add(record);
        }

        return records;
    }

    public static (int K, List<float[]> Queries, List<string[]> Truth) ReadQueries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var k = root.GetProperty("k").GetInt32();
        var queries = new List<float[]>();
        foreach (var query in root.GetProperty("queries").EnumerateArray())
        {
            var vector = new float[query.GetArrayLength()];
            var i = 0;
            foreach (var component in query.EnumerateArray())
            {
                vector[i++] = component.GetSingle();
            }

            queries.Add(vector);
        }

        var truth = new List<string[]>();
        foreach (var ids in root.GetProperty("truth").EnumerateArray())
        {
            truth.Add([.. ids.EnumerateArray().Select(id => id.GetString()!)]);
        }

        return (k, queries, truth);
    }

    private static MetadataValue ToMetadata(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => MetadataValue.FromString(element.GetString()),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? MetadataValue.FromInteger(integer) : MetadataValue.FromFloat(element.GetDouble()),
        JsonValueKind.True => MetadataValue.True,
        JsonValueKind.False => MetadataValue.False,
        JsonValueKind.Array => MetadataValue.FromArray(element.EnumerateArray().Select(ToMetadata)),
        JsonValueKind.Object => MetadataValue.FromObject(element.EnumerateObject().Select(p => new KeyValuePair<string, MetadataValue>(p.Name, ToMetadata(p.Value)))),
        _ => MetadataValue.Null,
    };
}
