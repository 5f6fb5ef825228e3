using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>Turns a connector location (a path or a file:// URI) into a full path.</summary>
internal static class JsonlPaths
{
    public static string Resolve(string location)
    {
        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
            {
                throw new ConnectorConfigurationException($"'{location}' is not a valid file URI.");
            }

            location = uri.LocalPath;
        }

        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ConnectorConfigurationException("A JSON Lines location must name a file.");
        }

        return Path.GetFullPath(location);
    }
}
