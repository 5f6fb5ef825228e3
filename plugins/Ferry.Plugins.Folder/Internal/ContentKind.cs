namespace Ferry.Plugins.Folder.Internal;

/// <summary>How a file's content is treated, decided by its extension (or, for unknown extensions, by sniffing).</summary>
internal enum ContentKind
{
    /// <summary>Unknown extension: text when the bytes decode as text, a reference otherwise.</summary>
    Unknown = 0,

    /// <summary>Plain text kept as is (txt, csv, json, yaml, xml, source code, …).</summary>
    Text,

    /// <summary>Markdown: text kept as is, title from front matter or the first heading.</summary>
    Markdown,

    /// <summary>HTML: tags, scripts and styles stripped, entities decoded, title from &lt;title&gt;.</summary>
    Html,

    /// <summary>Binary formats: never decoded, always a reference record.</summary>
    Binary,
}
