using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Json;

/// <summary>Writes JSON: an array of records in one file (or split parts with a manifest), or one JSON file per record in a folder.</summary>
[SinkExport(JsonFormat.FormatName, Extensions = [".json"], Description = "JSON array of records (streamed) or a folder of one JSON object per record; .gz/.br/.enc, split parts.")]
public sealed class JsonSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSink(context, new JsonFormat(context.Options));
    }
}
