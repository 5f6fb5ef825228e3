using Ferry.Plugins.Chroma.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Chroma;

/// <summary>
/// Reads a Chroma collection over its HTTP API v2: <c>chroma://host:port/collection?tenant=…&amp;database=…</c>
/// (options and type mapping: docs/from-chroma.md). The token, when the server needs one, comes from the
/// <c>CHROMA_TOKEN</c> secret.
/// </summary>
[SourceExport("chroma", Schemes = ["chroma"], Description = "Chroma collection (HTTP API v2): documents, embeddings, typed metadata")]
public sealed class ChromaSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ChromaSettings.Parse(context);
        return new ChromaSource(settings, new ChromaClient(settings, context.TimeProvider));
    }
}
