using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>Reads Markdown: a file of record sections, a single note, or a folder of .md files (front matter + body).</summary>
[SourceExport(MarkdownFormat.FormatName, Extensions = [".md", ".markdown"], Description = "Markdown with YAML front matter (id, title, metadata, vectors) and the text as body; one file with sections or a folder of .md files.")]
public sealed class MarkdownSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSource(context, new MarkdownFormat(context.Options));
    }
}
