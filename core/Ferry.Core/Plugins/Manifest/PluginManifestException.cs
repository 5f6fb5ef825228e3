namespace Ferry.Core.Plugins.Manifest;

/// <summary>A plugin.json that cannot be read or breaks plugin-manifest.schema.json; every problem is listed.</summary>
public sealed class PluginManifestException : Exception
{
    /// <summary>Creates the exception from the list of problems (each with its JSON path where there is one).</summary>
    public PluginManifestException(string source, IReadOnlyList<string> errors, string? pluginId = null)
        : base($"{source} is not a valid plugin manifest: {string.Join("; ", errors)}")
    {
        Errors = errors;
        PluginId = pluginId;
    }

    /// <summary>The manifest's <c>id</c> when it is at least a string, so that messages can name the plugin; otherwise <c>null</c>.</summary>
    public string? PluginId { get; }

    /// <summary>The problems, e.g. <c>$.version: '1.x' does not match the pattern ...</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
