using Ferry.Plugins.Files;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Migration.Tests.Support;

/// <summary>Reads JSON Lines files into records with the plugin's source, and compares them bit-exactly.</summary>
internal static class JsonlFiles
{
    public static async Task<List<Record>> ReadAsync(string path, string timestamps = "auto")
    {
        var source = new JsonlSourceFactory().Create(new ConnectorContext(path, new ConnectorOptions([KeyValuePair.Create("timestamps", timestamps)])));
        var records = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest(), CancellationToken.None))
        {
            Assert.Empty(batch.Failures);
            records.AddRange(batch.Records);
        }

        return records;
    }

    /// <summary>Every source record is in the target once, with identical content (text, title, metadata kinds and values, vector bits).</summary>
    public static void AssertSameRecords(IReadOnlyList<Record> source, IReadOnlyList<Record> target)
    {
        var duplicates = target.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, $"duplicated in the target: {string.Join(", ", duplicates)}");
        var byId = target.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var missing = source.Where(r => !byId.ContainsKey(r.Id)).Select(r => r.Id).Take(5).ToList();
        Assert.True(missing.Count == 0, $"missing in the target: {string.Join(", ", missing)} (of {source.Count - byId.Count} or more)");
        Assert.Equal(source.Count, target.Count);
        foreach (var record in source)
        {
            var differences = Ferry.Core.Validation.RecordDiff.Compare(record, byId[record.Id]);
            Assert.True(differences.Count == 0, $"record {record.Id}: {string.Join("; ", differences)}");
        }
    }
}
