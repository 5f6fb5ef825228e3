namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// The built-in extension map (lower-case extension without the dot → MIME type, content kind, format). Files with
/// an extension not listed here are sniffed: text/plain when their bytes are text, application/octet-stream otherwise.
/// A few well-known extension-less names (Dockerfile, Makefile, LICENSE, …) are listed by name.
/// </summary>
internal static class MimeTypes
{
    public const string OctetStream = "application/octet-stream";
    public const string PlainText = "text/plain";

    private static readonly Dictionary<string, FileType> ByExtension = Build();

    private static readonly Dictionary<string, FileType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dockerfile"] = new("text/x-dockerfile", ContentKind.Text, "code"),
        ["Makefile"] = new("text/x-makefile", ContentKind.Text, "code"),
        ["LICENSE"] = new(PlainText, ContentKind.Text, "text"),
        ["COPYING"] = new(PlainText, ContentKind.Text, "text"),
        ["NOTICE"] = new(PlainText, ContentKind.Text, "text"),
        [".gitignore"] = new(PlainText, ContentKind.Text, "config"),
        [".gitattributes"] = new(PlainText, ContentKind.Text, "config"),
        [".editorconfig"] = new(PlainText, ContentKind.Text, "config"),
        [".dockerignore"] = new(PlainText, ContentKind.Text, "config"),
    };

    /// <summary>The type of a file by its name, or <c>null</c> when neither its name nor its extension is known.</summary>
    public static FileType? Lookup(string fileName, string extension)
    {
        if (ByName.TryGetValue(fileName, out var byName))
        {
            return byName;
        }

        return extension.Length > 0 && ByExtension.TryGetValue(extension, out var type) ? type : null;
    }

    private static Dictionary<string, FileType> Build()
    {
        var map = new Dictionary<string, FileType>(StringComparer.Ordinal);
        void Text(string mime, string format, params string[] extensions)
        {
            foreach (var extension in extensions)
            {
                map[extension] = new FileType(mime, ContentKind.Text, format);
            }
        }

        void Binary(string mime, params string[] extensions)
        {
            foreach (var extension in extensions)
            {
                map[extension] = new FileType(mime, ContentKind.Binary, "binary");
            }
        }

        map["md"] = map["markdown"] = map["mdx"] = new FileType("text/markdown", ContentKind.Markdown, "markdown");
        map["html"] = map["htm"] = new FileType("text/html", ContentKind.Html, "html");
        map["xhtml"] = new FileType("application/xhtml+xml", ContentKind.Html, "html");

        Text(PlainText, "text", "txt", "text", "log", "rst", "adoc", "asciidoc", "org", "tex");
        Text("application/json", "json", "json", "geojson", "ipynb");
        Text("application/x-ndjson", "json", "jsonl", "ndjson");
        Text("text/csv", "csv", "csv");
        Text("text/tab-separated-values", "csv", "tsv");
        Text("application/yaml", "yaml", "yaml", "yml");
        Text("application/xml", "xml", "xml", "xsd", "xsl", "xslt", "resx", "nuspec", "config");
        Text("image/svg+xml", "xml", "svg");
        Text("application/toml", "config", "toml");
        Text(PlainText, "config", "ini", "cfg", "conf", "properties", "env");
        Text("text/css", "code", "css", "scss", "sass", "less");
        Text("text/javascript", "code", "js", "mjs", "cjs", "jsx");
        Text("text/x-typescript", "code", "ts", "tsx", "mts", "cts");
        Text("text/x-csharp", "code", "cs", "csx");
        Text("application/xml", "code", "csproj", "fsproj", "vbproj", "props", "targets", "slnx");
        Text(PlainText, "code", "sln");
        Text("text/x-fsharp", "code", "fs", "fsi", "fsx");
        Text("text/x-vb", "code", "vb");
        Text("text/x-python", "code", "py", "pyi");
        Text("text/x-java", "code", "java");
        Text("text/x-kotlin", "code", "kt", "kts");
        Text("text/x-scala", "code", "scala");
        Text("text/x-go", "code", "go");
        Text("text/x-rust", "code", "rs");
        Text("text/x-c", "code", "c", "h");
        Text("text/x-c++", "code", "cpp", "cc", "cxx", "hpp", "hh", "hxx");
        Text("text/x-objective-c", "code", "m", "mm");
        Text("text/x-swift", "code", "swift");
        Text("text/x-ruby", "code", "rb");
        Text("text/x-php", "code", "php");
        Text("text/x-perl", "code", "pl", "pm");
        Text("text/x-lua", "code", "lua");
        Text("text/x-r", "code", "r");
        Text("text/x-dart", "code", "dart");
        Text("application/x-sh", "code", "sh", "bash", "zsh", "fish");
        Text("text/x-powershell", "code", "ps1", "psm1", "psd1");
        Text("text/x-bat", "code", "bat", "cmd");
        Text("application/sql", "code", "sql");
        Text("application/graphql", "code", "graphql", "gql");
        Text("text/x-protobuf", "code", "proto");
        Text("text/x-cake", "code", "cake");
        Text("text/x-razor", "code", "cshtml", "razor");
        Text("text/x-vue", "code", "vue", "svelte");

        Binary("image/png", "png");
        Binary("image/jpeg", "jpg", "jpeg");
        Binary("image/gif", "gif");
        Binary("image/webp", "webp");
        Binary("image/bmp", "bmp");
        Binary("image/tiff", "tif", "tiff");
        Binary("image/x-icon", "ico");
        Binary("image/avif", "avif");
        Binary("application/pdf", "pdf");
        Binary("application/zip", "zip");
        Binary("application/gzip", "gz", "tgz");
        Binary("application/x-bzip2", "bz2");
        Binary("application/x-xz", "xz");
        Binary("application/zstd", "zst");
        Binary("application/x-7z-compressed", "7z");
        Binary("application/vnd.rar", "rar");
        Binary("application/x-tar", "tar");
        Binary("application/java-archive", "jar");
        Binary("application/java-vm", "class");
        Binary("application/wasm", "wasm");
        Binary("application/vnd.microsoft.portable-executable", "dll", "exe");
        Binary("application/x-sharedlib", "so", "dylib");
        Binary("application/octet-stream", "bin", "pdb", "obj", "o", "a", "lib", "nupkg", "snupkg");
        Binary("application/vnd.apache.arrow.file", "arrow", "feather");
        Binary("application/vnd.apache.parquet", "parquet");
        Binary("application/vnd.sqlite3", "sqlite", "db");
        Binary("audio/mpeg", "mp3");
        Binary("audio/wav", "wav");
        Binary("audio/ogg", "ogg", "oga");
        Binary("audio/flac", "flac");
        Binary("video/mp4", "mp4", "m4v");
        Binary("video/webm", "webm");
        Binary("video/quicktime", "mov");
        Binary("video/x-msvideo", "avi");
        Binary("font/woff", "woff");
        Binary("font/woff2", "woff2");
        Binary("font/ttf", "ttf");
        Binary("font/otf", "otf");
        Binary("application/vnd.ms-fontobject", "eot");
        Binary("application/msword", "doc");
        Binary("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
        Binary("application/vnd.ms-excel", "xls");
        Binary("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
        Binary("application/vnd.ms-powerpoint", "ppt");
        Binary("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");
        Binary("application/vnd.oasis.opendocument.text", "odt");
        Binary("application/epub+zip", "epub");
        return map;
    }
}
