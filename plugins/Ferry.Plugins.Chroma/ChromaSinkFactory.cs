using Ferry.Plugins.Chroma.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Chroma;

/// <summary>
/// Writes into a Chroma collection over its HTTP API v2, creating it with the data's distance space when missing:
/// <c>chroma://host:port/collection?tenant=…&amp;database=…</c> (options and type mapping: docs/from-chroma.md).
/// </summary>
[SinkExport("chroma", Schemes = ["chroma"], Description = "Chroma collection (HTTP API v2): upserts in batches within the server's limits")]
public sealed class ChromaSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ChromaSettings.Parse(context);
        return new ChromaSink(settings, new ChromaClient(settings, context.TimeProvider), context.Log);
    }
}
