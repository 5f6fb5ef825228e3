using System.Text.Json;

namespace Ferry.Core.Plugins.Manifest;

/// <summary>
/// A plugin's <c>plugin.json</c>, validated against <c>plugin-manifest.schema.json</c>: who it is, which SDK it
/// was built for, which assembly to load and what it provides.
/// </summary>
public sealed record PluginManifest
{
    /// <summary>The manifest's file name, beside the plugin's assemblies.</summary>
    public const string FileName = "plugin.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The unique plugin id (e.g. <c>ferry.postgres</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The plugin's semantic version.</summary>
    public required string Version { get; init; }

    /// <summary>The display name (the id when the manifest gives none).</summary>
    public required string Name { get; init; }

    /// <summary>What the plugin is for, when given.</summary>
    public string? Description { get; init; }

    /// <summary>The authors, when given.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The SDK versions the plugin was built for.</summary>
    public required SdkVersionRange Sdk { get; init; }

    /// <summary>The file name of the assembly holding the exported factories.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>The sources the plugin provides.</summary>
    public IReadOnlyList<ManifestConnector> Sources { get; init; } = [];

    /// <summary>The sinks the plugin provides.</summary>
    public IReadOnlyList<ManifestConnector> Sinks { get; init; } = [];

    /// <summary>The transformers the plugin provides.</summary>
    public IReadOnlyList<ManifestConnector> Transformers { get; init; } = [];

    /// <summary>Reads and validates a plugin.json file.</summary>
    /// <exception cref="PluginManifestException">The file is not JSON, breaks the schema, or contradicts itself.</exception>
    public static PluginManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new PluginManifestException(path, [$"cannot be read: {ex.Message}"]);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PluginManifestException(path, [$"cannot be read: {ex.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates the text of a plugin.json; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="PluginManifestException">The text is not JSON, breaks the schema, or contradicts itself.</exception>
    public static PluginManifest Parse(string json, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            throw new PluginManifestException(source, [$"is not valid JSON{where}: {FirstSentence(ex.Message)}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
            var violations = PluginManifestSchema.Validator.Validate(root);
            if (violations.Count > 0)
            {
                throw new PluginManifestException(source, violations.Select(v => v.ToString()).ToArray(), id);
            }

            return FromValidated(document.RootElement, source);
        }
    }

    private static PluginManifest FromValidated(JsonElement root, string source)
    {
        var errors = new List<string>();
        SdkVersionRange? sdk = null;
        var sdkElement = root.GetProperty("sdk");
        try
        {
            sdk = sdkElement.ValueKind == JsonValueKind.String
                ? SdkVersionRange.Parse(sdkElement.GetString()!)
                : SdkVersionRange.Between(
                    sdkElement.GetProperty("min").GetString()!,
                    sdkElement.TryGetProperty("max", out var max) ? max.GetString() : null);
        }
        catch (FormatException ex)
        {
            errors.Add($"$.sdk: {ex.Message}");
        }

        var provides = root.GetProperty("provides");
        var sources = Connectors(provides, "sources", errors);
        var sinks = Connectors(provides, "sinks", errors);
        var transformers = Connectors(provides, "transformers", errors);
        var id = root.GetProperty("id").GetString()!;
        if (errors.Count > 0)
        {
            throw new PluginManifestException(source, errors, id);
        }

        return new PluginManifest
        {
            Id = id,
            Version = root.GetProperty("version").GetString()!,
            Name = root.TryGetProperty("name", out var name) ? name.GetString()! : id,
            Description = root.TryGetProperty("description", out var description) ? description.GetString() : null,
            Authors = root.TryGetProperty("authors", out var authors) ? authors.EnumerateArray().Select(a => a.GetString()!).ToArray() : [],
            Sdk = sdk!,
            EntryAssembly = root.GetProperty("entryAssembly").GetString()!,
            Sources = sources,
            Sinks = sinks,
            Transformers = transformers,
        };
    }

    private static ManifestConnector[] Connectors(JsonElement provides, string kind, List<string> errors)
    {
        if (!provides.TryGetProperty(kind, out var array))
        {
            return [];
        }

        var result = new List<ManifestConnector>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            if (!names.Add(name))
            {
                errors.Add($"$.provides.{kind}[{index}].name: '{name}' is listed twice");
            }

            result.Add(new ManifestConnector(
                name,
                Strings(item, "schemes"),
                Strings(item, "extensions").Select(e => e.ToLowerInvariant()).ToArray(),
                item.TryGetProperty("description", out var description) ? description.GetString() : null,
                item.TryGetProperty("options", out var options) ? options.Clone() : null));
            index++;
        }

        return [.. result];
    }

    private static string[] Strings(JsonElement item, string property) =>
        item.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
