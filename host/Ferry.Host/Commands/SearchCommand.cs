using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ferry.Frame;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Host.Commands;

/// <summary><c>ferry search DATASET --vector-file q.json | --id ID</c>: exact top-k search on a Frame dataset.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var datasetArgument = new Argument<string>("dataset") { Description = "The Frame dataset folder." };
        var vectorFileOption = new Option<string?>("--vector-file") { Description = "A JSON file holding the query vector: an array of numbers, or an object with a \"vector\" array." };
        var idOption = new Option<string?>("--id") { Description = "Use the vector of the record with this id as the query." };
        var kOption = new Option<int>("--k") { Description = "How many hits.", DefaultValueFactory = _ => 10 };
        var filterOption = new Option<string?>("--filter") { Description = "A filter (Ferry filter language) applied before scoring." };
        var versionOption = new Option<long?>("--version") { Description = "Search this version instead of the latest." };
        var vectorNameOption = new Option<string?>("--vector-name") { Description = "The vector field to search (default: the dataset's only one)." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the hits as JSON." };
        var command = new Command("search", "Exact top-k vector search on a Frame dataset, with an optional pre-filter.");
        command.Arguments.Add(datasetArgument);
        foreach (var option in new Option[] { vectorFileOption, idOption, kOption, filterOption, versionOption, vectorNameOption, jsonOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(datasetArgument)!;
            var vectorFile = parse.GetValue(vectorFileOption);
            var id = parse.GetValue(idOption);
            if ((vectorFile is null) == (id is null))
            {
                await context.Error.WriteLineAsync("error: give exactly one of --vector-file or --id.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (!FrameDataset.Exists(path))
            {
                await context.Error.WriteLineAsync($"error: '{path}' is not a Frame dataset (no _versions/ manifest found).").ConfigureAwait(false);
                return ExitCodes.Configuration;
            }

            FilterExpression? filter = null;
            if (parse.GetValue(filterOption) is { } filterText)
            {
                try
                {
                    filter = FilterParser.Parse(filterText);
                }
                catch (FilterSyntaxException ex)
                {
                    await context.Error.WriteLineAsync($"error: --filter: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            var version = parse.GetValue(versionOption);
            await using var dataset = version is { } v
                ? await FrameDataset.OpenAsync(path, v, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await FrameDataset.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            var vectorName = parse.GetValue(vectorNameOption);
            float[] query;
            if (vectorFile is not null)
            {
                try
                {
                    query = ReadVectorFile(vectorFile);
                }
                catch (Exception ex) when (ex is IOException or JsonException or FormatException)
                {
                    await context.Error.WriteLineAsync($"error: --vector-file '{vectorFile}': {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Configuration;
                }
            }
            else
            {
                Record? found = null;
                await foreach (var record in dataset.GetAsync([id!], cancellationToken).ConfigureAwait(false))
                {
                    found = record;
                }

                var name = vectorName ?? (dataset.Schema.Vectors.Count == 1 ? dataset.Schema.Vectors[0].Name : Record.DefaultVectorName);
                if (found is null || !found.Vectors.TryGetValue(name, out var stored))
                {
                    await context.Error.WriteLineAsync($"error: no record '{id}' with a vector '{name}' in {path}.").ConfigureAwait(false);
                    return ExitCodes.Configuration;
                }

                query = stored;
            }

            var request = new FrameSearchRequest(query, parse.GetValue(kOption)) { Filter = filter, VectorName = vectorName };
            IReadOnlyList<FrameSearchHit> hits;
            try
            {
                hits = await dataset.SearchAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Configuration;
            }

            if (parse.GetValue(jsonOption))
            {
                var rows = hits.Select((h, i) => new
                {
                    rank = i + 1,
                    id = h.Id,
                    score = h.Score,
                    title = h.Record.Title,
                    metadata = h.Record.Metadata.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)),
                });
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(rows)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{hits.Count} hit(s) in {path} (version {dataset.Version})")).ConfigureAwait(false);
            for (var i = 0; i < hits.Count; i++)
            {
                var hit = hits[i];
                var title = hit.Record.Title is { Length: > 60 } t ? t[..57] + "..." : hit.Record.Title;
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {hit.Score,10:F6}  {hit.Id}  {title}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static object? ToJson(MetadataValue value) => value.Kind switch
    {
        MetadataKind.Null => null,
        MetadataKind.Bool => value.AsBool(),
        MetadataKind.Integer => value.AsInteger(),
        MetadataKind.Float => double.IsFinite(value.AsFloat()) ? value.AsFloat() : value.AsFloat().ToString("R", CultureInfo.InvariantCulture),
        MetadataKind.Decimal => value.AsDecimal(),
        MetadataKind.String => value.AsString(),
        MetadataKind.Timestamp => value.AsTimestamp(),
        MetadataKind.Bytes => Convert.ToBase64String(value.AsBytes().Span),
        MetadataKind.Array => value.AsArray().Select(ToJson).ToArray(),
        _ => value.AsObject().ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)),
    };

    private static float[] ReadVectorFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var element = document.RootElement;
        if (element.ValueKind == JsonValueKind.Object)
        {
            element = element.TryGetProperty("vector", out var vector)
                ? vector
                : throw new FormatException("expected a JSON array of numbers or an object with a \"vector\" array.");
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a JSON array of numbers or an object with a \"vector\" array.");
        }

        var values = new float[element.GetArrayLength()];
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[index++] = item.ValueKind == JsonValueKind.Number
                ? item.GetSingle()
                : throw new FormatException($"item {index} of the vector is not a number.");
        }

        return values;
    }
}
