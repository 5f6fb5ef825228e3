using Ferry.Plugins.Folder.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Folder;

/// <summary>
/// Creates folder sources: a plain folder path (<c>ferry migrate --from ./docs/ --to docs.frame</c>), or
/// <c>folder:///abs/path</c>. Every included file becomes a record (text extracted for text formats, a reference
/// record for binary ones), every folder a collection header with member_of links (docs/from-filesystem.md).
/// </summary>
[SourceExport("folder", Schemes = ["folder"], Extensions = ["/"], Description = "A folder tree: files as documents (text from Markdown, HTML, code, JSON, CSV, …) or references, folders as collection headers.")]
public sealed class FolderSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FolderSource(FolderOptions.From(context), context.Log);
    }
}
