namespace Ferry.Plugins.Folder.Internal;

/// <summary>What the extension map says about a file: its MIME type, how its content is treated, and a format name.</summary>
/// <param name="MimeType">The MIME type.</param>
/// <param name="Kind">How the content is treated.</param>
/// <param name="Format">A short format name for the <c>format</c> metadata field (markdown, html, json, code, …).</param>
internal sealed record FileType(string MimeType, ContentKind Kind, string Format);
