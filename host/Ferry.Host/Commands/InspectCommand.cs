using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ferry.Frame;
using Ferry.Sdk.Schema;

namespace Ferry.Host.Commands;

/// <summary><c>ferry inspect DATASET</c>: schema, row count, versions, fragments and size of a Frame dataset.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var datasetArgument = new Argument<string>("dataset") { Description = "The Frame dataset folder (e.g. ./docs.frame)." };
        var versionOption = new Option<long?>("--version") { Description = "Inspect this version instead of the latest." };
        var jsonOption = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Show a Frame dataset's schema, row count, versions, fragments and size.");
        command.Arguments.Add(datasetArgument);
        command.Options.Add(versionOption);
        command.Options.Add(jsonOption);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(datasetArgument)!;
            if (!FrameDataset.Exists(path))
            {
                await context.Error.WriteLineAsync($"error: '{path}' is not a Frame dataset (no _versions/ manifest found).").ConfigureAwait(false);
                return ExitCodes.Configuration;
            }

            var version = parse.GetValue(versionOption);
            await using var dataset = version is { } v
                ? await FrameDataset.OpenAsync(path, v, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await FrameDataset.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            var versions = await dataset.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
            var bytes = DirectorySize(path);
            if (parse.GetValue(jsonOption))
            {
                var document = new
                {
                    path = dataset.Path,
                    version = dataset.Version,
                    timestamp = dataset.Timestamp,
                    rows = dataset.Count,
                    fragments = dataset.FragmentCount,
                    bytes,
                    schema = new
                    {
                        vectors = dataset.Schema.Vectors.Select(f => new { name = f.Name, dimension = f.Dimension, metric = f.Metric.ToString().ToLowerInvariant() }),
                        sparse = dataset.Schema.SparseVectors,
                        metadata = dataset.Schema.Metadata.Select(f => new { name = f.Name, kind = f.Kind?.ToString().ToLowerInvariant() ?? "mixed" }),
                    },
                    versions = versions.Select(x => new { version = x.Version, timestamp = x.Timestamp, operation = x.Operation, rows = x.Rows, fragments = x.Fragments }),
                };
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(document)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var o = context.Output;
            await o.WriteLineAsync($"dataset   {dataset.Path}").ConfigureAwait(false);
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"version   {dataset.Version} ({dataset.Timestamp:u}), {versions.Count} version(s) kept")).ConfigureAwait(false);
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"rows      {dataset.Count:N0} in {dataset.FragmentCount} fragment(s), {bytes / 1048576.0:F1} MiB on disk")).ConfigureAwait(false);
            await o.WriteLineAsync("vectors").ConfigureAwait(false);
            foreach (var field in dataset.Schema.Vectors)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {field.Name,-20} float32[{field.Dimension}]  {field.Metric.ToString().ToLowerInvariant()}")).ConfigureAwait(false);
            }

            foreach (var sparse in dataset.Schema.SparseVectors)
            {
                await o.WriteLineAsync($"  {sparse,-20} sparse").ConfigureAwait(false);
            }

            await o.WriteLineAsync("metadata").ConfigureAwait(false);
            foreach (var field in dataset.Schema.Metadata)
            {
                await o.WriteLineAsync($"  {field.Name,-20} {Describe(field)}").ConfigureAwait(false);
            }

            await o.WriteLineAsync("versions").ConfigureAwait(false);
            foreach (var entry in versions)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {entry.Version,5}  {entry.Timestamp:u}  {entry.Operation,-10} {entry.Rows,12:N0} rows  {entry.Fragments} fragment(s)")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(MetadataField field)
    {
        var kind = field.Kind?.ToString().ToLowerInvariant() ?? "mixed (each value keeps its type)";
        return field.ItemKind is { } item ? $"{kind}<{item.ToString().ToLowerInvariant()}>" : kind;
    }

    private static long DirectorySize(string path)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            total += file.Length;
        }

        return total;
    }
}
