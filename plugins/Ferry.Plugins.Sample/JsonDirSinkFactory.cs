using Ferry.Plugins.Sample.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Sample;

/// <summary>Creates <c>jsondir://path</c> sinks: one JSON file per record in a folder, replaced atomically on upsert.</summary>
[SinkExport("jsondir", Schemes = ["jsondir"], Description = "One JSON file per record in a folder (jsondir://path); upserts replace files atomically.")]
public sealed class JsonDirSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new JsonDirSink(JsonDirSink.FolderOf(context.Location), context.Options.GetBoolean("indent", false));
    }
}
