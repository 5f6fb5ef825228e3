using System.Security.Cryptography;
using System.Text;
using Ferry.Plugins.Folder;
using Ferry.Plugins.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Tests.Folder;

/// <summary>
/// The folder source on a real tree: copies of this repository's docs/ and sdk/ folders, taken at test time so that
/// edits to them never break the test. Every expectation is computed independently from the file system here.
/// </summary>
public sealed class RepositoryTreeTests : IClassFixture<RepositoryTreeTests.Copy>
{
    private static readonly string[] Excluded = [".git", "bin", "obj", "node_modules"];
    private static readonly string[] ReadmeNames = ["README.md", "index.md", "index.html"];

    private static readonly Dictionary<string, string> MimeByExtension = new(StringComparer.Ordinal)
    {
        ["md"] = "text/markdown",
        ["cs"] = "text/x-csharp",
        ["csproj"] = "application/xml",
        ["json"] = "application/json",
        ["jsonl"] = "application/x-ndjson",
        ["txt"] = "text/plain",
        ["yaml"] = "application/yaml",
        ["html"] = "text/html",
    };

    private readonly Copy _copy;

    public RepositoryTreeTests(Copy copy)
    {
        _copy = copy;
    }

    [Fact]
    public void Copy_HoldsTheRepositoryFolders()
    {
        Assert.True(_copy.Files.Count > 50, $"only {_copy.Files.Count} files were copied");
        Assert.Contains(_copy.Files, f => f.StartsWith("docs/", StringComparison.Ordinal) && f.EndsWith(".md", StringComparison.Ordinal));
        Assert.Contains(_copy.Files, f => f.StartsWith("sdk/", StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_Ids_AreEveryFileAndEveryFolderWithFiles()
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { "." };
        foreach (var file in _copy.Files)
        {
            for (var dir = Parent(file); dir != "."; dir = Parent(dir))
            {
                folders.Add(dir);
            }
        }

        var expected = _copy.Files.Except(_copy.Readmes.Values).Concat(folders).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, _copy.Records.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(folders.Count, _copy.Records.Values.Count(r => r.RecordType == RecordTypes.CollectionHeader));
        Assert.Equal(_copy.Files.Count - _copy.Readmes.Count, _copy.Records.Values.Count(r => r.RecordType != RecordTypes.CollectionHeader));
    }

    [Fact]
    public void Records_Hierarchy_HeadersCountTheirFilesAndEveryRecordIsAMemberOfItsFolder()
    {
        foreach (var record in _copy.Records.Values)
        {
            if (record.Id == ".")
            {
                Assert.Empty(record.Relationships);
                continue;
            }

            var member = Assert.Single(record.Relationships, r => r.Kind == RelationshipKinds.MemberOf);
            Assert.Equal(Parent(record.Id), member.TargetId);
            Assert.Equal(RecordTypes.CollectionHeader, _copy.Records[member.TargetId].RecordType);
        }

        foreach (var header in _copy.Records.Values.Where(r => r.RecordType == RecordTypes.CollectionHeader))
        {
            var direct = _copy.Files.Count(f => Parent(f) == header.Id);
            Assert.Equal(direct, header.Metadata["file_count"].AsInteger());
            if (_copy.Readmes.TryGetValue(header.Id, out var readme))
            {
                Assert.Equal(readme, header.Metadata["readme"].AsString());
                Assert.Equal(File.ReadAllText(_copy.Full(readme)), header.Text);
            }
            else
            {
                Assert.Null(header.Text);
                Assert.Equal(header.Id == "." ? Path.GetFileName(_copy.Root) : header.Id[(header.Id.LastIndexOf('/') + 1)..], header.Title);
            }
        }
    }

    [Fact]
    public void Records_Files_CarrySizeHashAndMimeTypeOfTheFileSystem()
    {
        var checkedMime = 0;
        foreach (var file in _copy.Files.Except(_copy.Readmes.Values))
        {
            var record = _copy.Records[file];
            var bytes = File.ReadAllBytes(_copy.Full(file));
            Assert.Equal(bytes.LongLength, record.Metadata["size"].AsInteger());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), record.Metadata["sha256"].AsString());
            Assert.Equal(file, record.Metadata["path"].AsString());
            Assert.Equal(Path.GetFileName(file), record.Metadata["file_name"].AsString());
            var extension = Path.GetExtension(file).TrimStart('.').ToLowerInvariant();
            if (MimeByExtension.TryGetValue(extension, out var mime))
            {
                Assert.Equal(mime, record.Metadata["mime_type"].AsString());
                checkedMime++;
            }
        }

        Assert.True(checkedMime > 50, $"only {checkedMime} files had a known extension");
    }

    [Fact]
    public void Records_Duplicates_LinkToTheFirstFileWithTheSameBytes()
    {
        var groups = _copy.Files.Except(_copy.Readmes.Values)
            .GroupBy(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_copy.Full(f)))))
            .ToList();
        foreach (var group in groups)
        {
            var ordered = group.Order(StringComparer.Ordinal).ToList();
            var first = _copy.Records[ordered[0]];
            Assert.DoesNotContain(first.Relationships, r => r.Kind == "duplicate_of");
            foreach (var later in ordered.Skip(1))
            {
                var record = _copy.Records[later];
                Assert.Equal(RecordTypes.Reference, record.RecordType);
                Assert.Null(record.Text);
                Assert.Contains(new Relationship("duplicate_of", ordered[0]), record.Relationships);
            }
        }
    }

    [Fact]
    public void Records_TextFiles_KeepTheirTextAndMarkdownTitlesAreHeadings()
    {
        var markdown = 0;
        foreach (var record in _copy.Records.Values.Where(r => r.RecordType == RecordTypes.Document))
        {
            var bytes = File.ReadAllBytes(_copy.Full(record.Id));
            Assert.True(bytes.Length < 3 || bytes[0] != 0xEF, $"{record.Id} has a BOM; the test compares UTF-8 text without one");
            var text = Encoding.UTF8.GetString(bytes);
            if (record.Id.EndsWith(".md", StringComparison.Ordinal))
            {
                Assert.Equal(text, record.Text);
                var headings = text.Split('\n').Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
                Assert.True(headings.Contains(record.Title!) || record.Title == Path.GetFileName(record.Id), $"{record.Id}: title '{record.Title}' is none of its headings");
                markdown++;
            }
            else if (!record.Id.EndsWith(".html", StringComparison.Ordinal))
            {
                Assert.Equal(text, record.Text);
            }
        }

        Assert.True(markdown >= 3, $"only {markdown} Markdown documents");
    }

    private static string Parent(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "." : relative[..slash];
    }

    /// <summary>The copied tree, the files it must import (computed from the file system), and one read of it.</summary>
    public sealed class Copy : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Copy()
        {
            Repository.CopyFolder(Path.Combine(Repository.Root, "docs"), _folder.Full("docs"));
            Repository.CopyFolder(Path.Combine(Repository.Root, "sdk"), _folder.Full("sdk"));
            Root = _folder.Path;
            Files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => !f.Split('/')[..^1].Any(segment => Excluded.Contains(segment)))
                .ToList();
            Readmes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var folder in Files.GroupBy(Parent))
            {
                foreach (var name in ReadmeNames)
                {
                    var readme = folder.Where(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
                    if (readme is not null)
                    {
                        Readmes[folder.Key] = readme;
                        break;
                    }
                }
            }

            var source = new FolderSourceFactory().Create(new ConnectorContext(Root));
            try
            {
                Records = SourceReader.RecordsAsync(source, 50).GetAwaiter().GetResult().ToDictionary(r => r.Id, StringComparer.Ordinal);
            }
            finally
            {
                source.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        public string Root { get; }

        internal List<string> Files { get; }

        /// <summary>Folder id → the README/index file whose text its header takes.</summary>
        internal Dictionary<string, string> Readmes { get; }

        internal Dictionary<string, Record> Records { get; }

        public string Full(string relative) => _folder.Full(relative);

        public void Dispose() => _folder.Dispose();
    }
}
