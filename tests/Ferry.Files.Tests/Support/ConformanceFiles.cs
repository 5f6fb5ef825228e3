using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Support;

/// <summary>Writes the SDK's conformance records to a file with a format's own sink, for the source conformance tests.</summary>
public static class ConformanceFiles
{
    public static async Task<string> WriteAsync(SinkFactory sink, string path, int count, ConformanceFeatures features, params (string Key, string Value)[] options)
    {
        var records = ConformanceData.CreateRecords(count, features);
        await Connectors.WriteAllAsync(sink, Connectors.Context(path, null, options), records, ConformanceData.Schema(features), batch: 9);
        return path;
    }
}
