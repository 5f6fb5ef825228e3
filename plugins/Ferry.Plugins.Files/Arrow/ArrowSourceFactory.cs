using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>Reads Arrow IPC files (Ferry's layout or other tools' tables) batch by batch (.gz/.br/.enc, split parts).</summary>
[SourceExport(ArrowFormat.FormatName, Extensions = [".arrow", ".feather", ".ipc", ".arrows"], Description = "Arrow IPC file or stream: id, text, title, vector.NAME fixed_size_list<float32>, typed metadata columns (Ferry.Arrow).")]
public sealed class ArrowSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSource(context, new ArrowFormat(context.Options));
    }
}
