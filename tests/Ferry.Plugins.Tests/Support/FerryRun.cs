using Ferry.Frame;
using Ferry.Host;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Tests.Support;

/// <summary>
/// Runs the real <c>ferry</c> command line in-process: built-in connectors plus the plugins this build mirrored to
/// <c>$(ArtifactsPath)/plugins</c>, loaded by the real plugin loader (manifest validation, isolated load contexts).
/// </summary>
internal static class FerryRun
{
    public static string PluginsFolder => Path.Combine(Repository.ArtifactsPath, "plugins");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FerryCli.RunAsync([.. args, "--plugins", PluginsFolder], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Every record of a Frame dataset, by id.</summary>
    public static async Task<Dictionary<string, Record>> ReadFrameAsync(string path)
    {
        await using var source = new FrameSourceFactory().Create(new ConnectorContext(path));
        var records = new Dictionary<string, Record>(StringComparer.Ordinal);
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 10_000 }, CancellationToken.None))
        {
            foreach (var record in batch.Records)
            {
                records.Add(record.Id, record);
            }
        }

        return records;
    }
}
