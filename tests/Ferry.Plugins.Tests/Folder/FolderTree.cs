using System.Text;
using Ferry.Plugins.Tests.Support;

namespace Ferry.Plugins.Tests.Folder;

/// <summary>
/// A small but complete folder tree for the folder source's tests: nested folders, a README and an index.html that
/// become header text, Markdown with front matter and headings, HTML, JSON, CSV, YAML, XML, C#, a UTF-16 file, a file
/// with invalid UTF-8, a binary PNG, an extension-less text file, duplicate files, excluded build folders, and enough
/// notes to need several batches. <see cref="ExpectedIds"/> lists the record ids it must produce (default options).
/// </summary>
internal sealed class FolderTree : IDisposable
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01];

    public const string Html = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Ferry &amp; Friends</title>
        <style>body { color: red; }</style>
        <script>var x = "<p>not text</p>";</script></head>
        <body><h1>Welcome</h1>
        <p>Caf&eacute; &lt;b&gt; &#169; &#x263A;<br>second   line</p>
        <!-- a comment -->
        <ul><li>one</li><li>two</li></ul>
        <table><tr><td>a</td><td>b</td></tr></table>
        </body></html>
        """;

    private readonly TempFolder _folder = new();

    public FolderTree()
    {
        _folder.Write("README.md", "# Project Root\n\nThe root readme.\n");
        _folder.Write("notes.txt", "plain notes\n");
        _folder.Write("LICENSE", "MIT License\n");
        _folder.Write("data/items.json", "{\"a\": 1}\n");
        _folder.Write("data/table.csv", "id,name\n1,x\n");
        _folder.Write("data/config.yaml", "key: value\n");
        _folder.Write("data/layout.xml", "<root><a>1</a></root>\n");
        _folder.Write("docs/guide.md", "---\ntitle: \"The Guide\"\nauthor: me\n---\n# Not the title\n\nBody.\n");
        _folder.Write("docs/setext.md", "Setext Title\n============\n\ntext\n");
        _folder.Write("docs/fenced.md", "```\n# not a heading\n```\n\n## Real Heading ##\n");
        _folder.Write("docs/page.html", Html);
        _folder.Write("docs/api/index.html", "<html><head><title>API Index</title></head><body><p>The API.</p></body></html>");
        _folder.Write("docs/api/Client.cs", "namespace X;\npublic class Client { }\n");
        _folder.Write("docs/copy-of-guide.md", "---\ntitle: \"The Guide\"\nauthor: me\n---\n# Not the title\n\nBody.\n");
        _folder.Write("docs/api/dup-notes.txt", "plain notes\n");
        _folder.Write("media/logo.png", Png);
        _folder.Write("media/utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("wide text ☺")]);
        _folder.Write("media/latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x0A]);
        _folder.Write("media/blob", [0x01, 0x00, 0x02, 0x00]);
        _folder.Write("media/script", "#!/bin/sh\necho hi\n");
        for (var i = 0; i < 24; i++)
        {
            _folder.Write($"notes/n{i:D2}.md", $"# Note {i}\n\nnote number {i}\n");
        }

        _folder.Write("bin/Debug/out.dll", [0x4D, 0x5A]);
        _folder.Write("src/obj/cache.txt", "cached");
        _folder.Write(".git/HEAD", "ref: refs/heads/main\n");
        _folder.Write("node_modules/pkg/index.js", "module.exports = 1;\n");
        _folder.Folder("empty/inner");
    }

    public string Path => _folder.Path;

    public string Full(string relative) => _folder.Full(relative);

    public void Write(string relative, string text) => _folder.Write(relative, text);

    /// <summary>The record ids of the tree with the default options: every included file except the absorbed READMEs, and every folder that holds files.</summary>
    public static IReadOnlyList<string> ExpectedIds
    {
        get
        {
            var ids = new List<string>
            {
                ".", "notes.txt", "LICENSE",
                "data", "data/items.json", "data/table.csv", "data/config.yaml", "data/layout.xml",
                "docs", "docs/guide.md", "docs/setext.md", "docs/fenced.md", "docs/page.html", "docs/copy-of-guide.md",
                "docs/api", "docs/api/Client.cs", "docs/api/dup-notes.txt",
                "media", "media/logo.png", "media/utf16.txt", "media/latin1.txt", "media/blob", "media/script",
                "notes",
            };
            for (var i = 0; i < 24; i++)
            {
                ids.Add($"notes/n{i:D2}.md");
            }

            return ids;
        }
    }

    public void Dispose() => _folder.Dispose();
}
