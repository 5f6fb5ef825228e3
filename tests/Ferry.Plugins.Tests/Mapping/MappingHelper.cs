using Ferry.Plugins.Mapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Tests.Mapping;

/// <summary>Builds mapping transformers from inline YAML (through the public factory) and runs batches through them.</summary>
internal static class MappingHelper
{
    public static Transformer Create(string yaml) =>
        new MappingTransformerFactory().Create(new ConnectorContext("mapping", new ConnectorOptions([new("spec", yaml)])));

    public static async Task<TransformResult> RunAsync(string yaml, params Record[] records)
    {
        await using var transformer = Create(yaml);
        return await transformer.TransformAsync(records, CancellationToken.None);
    }

    public static async Task<Record> MapAsync(string yaml, Record record)
    {
        var result = await RunAsync(yaml, record);
        Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Message)));
        return Assert.Single(result.Records);
    }

    public static string ErrorOf(string yaml) =>
        Assert.ThrowsAny<Ferry.Sdk.Errors.ConnectorConfigurationException>(() => Create(yaml)).Message;
}
