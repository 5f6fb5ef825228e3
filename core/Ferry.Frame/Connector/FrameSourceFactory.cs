using Ferry.Frame.Connector;
using Ferry.Sdk.Connectors;

namespace Ferry.Frame;

/// <summary>
/// Reads a Frame dataset (<c>./docs.frame</c>, <c>frame:///data/docs.frame</c>). Options: <c>version</c> reads that
/// version instead of the latest; <c>durable</c> is ignored for reading.
/// </summary>
[SourceExport("frame", Schemes = ["frame"], Extensions = [".frame"], Description = "Frame dataset (Ferry's own columnar vector store): any version, filtered reads, exact search.")]
public sealed class FrameSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FrameSourceConnector(FrameLocation.Resolve(context), FrameConnectorOptions.Version(context), FrameConnectorOptions.DatasetOptions(context));
    }
}
