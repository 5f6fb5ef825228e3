using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Json;

/// <summary>
/// Reads JSON: a file holding an array of records (streamed element by element), a folder of one-record files
/// (<c>layout=folder</c>), or a split export through its manifest; gzip/Brotli and encryption by suffix or option.
/// </summary>
[SourceExport(JsonFormat.FormatName, Extensions = [".json"], Description = "JSON array of records (streamed) or a folder of one JSON object per record; .gz/.br/.enc, split parts.")]
public sealed class JsonSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSource(context, new JsonFormat(context.Options));
    }
}
