using Ferry.Core.Catalog;

namespace Ferry.Host;

/// <summary>
/// What every command needs: the output writers and the connector catalogue, built once on first use from the
/// built-in connectors and the plugins found in the plugin folders.
/// </summary>
public sealed class CliContext
{
    private readonly Func<IReadOnlyList<string>, ConnectorCatalog> _catalogFactory;
    private ConnectorCatalog? _catalog;

    /// <summary>Creates the context.</summary>
    public CliContext(TextWriter output, TextWriter error, Func<IReadOnlyList<string>, ConnectorCatalog> catalogFactory)
    {
        Output = output;
        Error = error;
        _catalogFactory = catalogFactory;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Extra plugin folders given with <c>--plugins</c>.</summary>
    public List<string> ExtraPluginFolders { get; } = [];

    /// <summary>The catalogue of connectors (built-ins and loaded plugins).</summary>
    public ConnectorCatalog Catalog => _catalog ??= _catalogFactory(ExtraPluginFolders);
}
