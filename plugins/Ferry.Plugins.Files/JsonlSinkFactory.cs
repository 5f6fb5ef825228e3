using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files;

/// <summary>Writes JSON Lines files in Ferry's lossless record shape (<c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>).</summary>
[SinkExport("jsonl", Extensions = [".jsonl", ".ndjson"], Description = "JSON Lines in Ferry's lossless record shape (plain or .gz); upserts by id.")]
public sealed class JsonlSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new JsonlSink(JsonlSinkSettings.Parse(context));
    }
}
