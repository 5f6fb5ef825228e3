using Ferry.Core.Catalog;

namespace Ferry.Host;

/// <summary>Builds the host's catalogue: built-in connectors, then plugins from the plugin folders.</summary>
internal static class HostCatalog
{
    public static ConnectorCatalog Build(IReadOnlyList<string> extraPluginFolders)
    {
        var catalog = new ConnectorCatalog();
        return catalog;
    }
}
