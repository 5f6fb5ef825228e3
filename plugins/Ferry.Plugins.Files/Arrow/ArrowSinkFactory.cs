using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>Writes Arrow IPC files in Ferry's record layout, in record batches (.gz/.br/.enc, split parts).</summary>
[SinkExport(ArrowFormat.FormatName, Extensions = [".arrow", ".feather", ".ipc"], Description = "Arrow IPC file: id, text, title, vector.NAME fixed_size_list<float32>, typed metadata columns (Ferry.Arrow).")]
public sealed class ArrowSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSink(context, new ArrowFormat(context.Options));
    }
}
