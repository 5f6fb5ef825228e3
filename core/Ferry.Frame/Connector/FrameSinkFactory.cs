using Ferry.Frame.Connector;
using Ferry.Sdk.Connectors;

namespace Ferry.Frame;

/// <summary>
/// Writes a Frame dataset (<c>./docs.frame</c>, <c>frame:///data/docs.frame</c>), creating it when missing. Options:
/// <c>stage_records</c> (records per staged fragment, default 16,384), <c>buffer_records</c> / <c>buffer_mb</c> (what is staged
/// between flushes; each flush commits one version);
/// <c>durable=false</c> skips fsync (faster, not crash-safe).
/// </summary>
[SinkExport("frame", Schemes = ["frame"], Extensions = [".frame"], Description = "Frame dataset (Ferry's own columnar vector store): versioned, idempotent upserts, exact search.")]
public sealed class FrameSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FrameSinkConnector(FrameLocation.Resolve(context), FrameSinkOptions.From(context.Options), FrameConnectorOptions.DatasetOptions(context));
    }
}
