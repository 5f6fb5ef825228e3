using System.Text.Json;

namespace Ferry.Core.Plugins.Manifest;

/// <summary>plugin-manifest.schema.json (repository root), embedded in this assembly so the host never reads it from disk.</summary>
internal static class PluginManifestSchema
{
    /// <summary>The resource name given in Ferry.Core.csproj.</summary>
    public const string ResourceName = "Ferry.Core.Plugins.plugin-manifest.schema.json";

    private static readonly Lazy<(string Text, JsonSchemaSubset Validator)> Schema = new(Load);

    /// <summary>The schema's text.</summary>
    public static string Text => Schema.Value.Text;

    /// <summary>The compiled validator.</summary>
    public static JsonSchemaSubset Validator => Schema.Value.Validator;

    private static (string, JsonSchemaSubset) Load()
    {
        using var stream = typeof(PluginManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from Ferry.Core.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        using var document = JsonDocument.Parse(text);
        return (text, new JsonSchemaSubset(document.RootElement));
    }
}
