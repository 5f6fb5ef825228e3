using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>Writes Markdown: one file with a section per record, or one .md file per record in a folder.</summary>
[SinkExport(MarkdownFormat.FormatName, Extensions = [".md", ".markdown"], Description = "Markdown with YAML front matter (id, title, metadata, vectors) and the text as body; one file with sections or a folder of .md files.")]
public sealed class MarkdownSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSink(context, new MarkdownFormat(context.Options));
    }
}
