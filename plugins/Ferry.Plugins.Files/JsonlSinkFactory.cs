using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files;

/// <summary>
/// Writes JSON Lines files in Ferry's lossless record shape (<c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>);
/// Brotli (<c>.br</c>), encryption (<c>.enc</c>) and splitting (<c>split_bytes</c>, <c>split_records</c>) go through the
/// wrapping layer (docs/formats.md) with the same line writer.
/// </summary>
[SinkExport("jsonl", Extensions = [".jsonl", ".ndjson"], Description = "JSON Lines in Ferry's lossless record shape (plain or .gz); upserts by id.")]
public sealed class JsonlSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JsonlFormat.NeedsWrapping(context, forWriting: true)
            ? FileConnectors.CreateSink(context, new JsonlFormat(context.Options))
            : new JsonlSink(JsonlSinkSettings.Parse(context));
    }
}
