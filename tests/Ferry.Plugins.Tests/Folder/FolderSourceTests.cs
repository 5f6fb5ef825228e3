using Ferry.Plugins.Folder;
using Ferry.Plugins.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Plugins.Tests.Folder;

public sealed class FolderSourceTests : IDisposable
{
    private readonly FolderTree _tree = new();

    [Fact]
    public async Task ReadAsync_DefaultOptions_YieldsFilesAndFolderHeaders()
    {
        var records = await ReadAsync();

        Assert.Equal(FolderTree.ExpectedIds.Order(StringComparer.Ordinal), records.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(records.Keys, id => id.StartsWith("bin", StringComparison.Ordinal) || id.StartsWith("src", StringComparison.Ordinal)
            || id.StartsWith(".git", StringComparison.Ordinal) || id.StartsWith("node_modules", StringComparison.Ordinal) || id.StartsWith("empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_Markdown_KeepsTextAndTakesTitleFromFrontMatterOrHeading()
    {
        var records = await ReadAsync();

        var guide = records["docs/copy-of-guide.md"];
        Assert.Equal(RecordTypes.Document, guide.RecordType);
        Assert.Equal("The Guide", guide.Title);
        Assert.Equal(File.ReadAllText(_tree.Full("docs/copy-of-guide.md")), guide.Text);
        Assert.Equal("text/markdown", guide.Metadata["mime_type"].AsString());
        Assert.Equal("markdown", guide.Metadata["format"].AsString());
        Assert.Equal("utf-8", guide.Metadata["encoding"].AsString());
        Assert.Equal("Setext Title", records["docs/setext.md"].Title);
        Assert.Equal("Real Heading", records["docs/fenced.md"].Title);
        Assert.Equal("Note 7", records["notes/n07.md"].Title);
    }

    [Fact]
    public async Task ReadAsync_Html_StripsMarkupDecodesEntitiesAndTakesTitle()
    {
        var page = (await ReadAsync())["docs/page.html"];

        Assert.Equal("Ferry & Friends", page.Title);
        Assert.Equal("text/html", page.Metadata["mime_type"].AsString());
        Assert.Equal("Welcome\n\nCafé <b> © ☺\nsecond line\n\none\ntwo\na\tb", page.Text);
    }

    [Fact]
    public async Task ReadAsync_Metadata_DescribesTheFile()
    {
        var records = await ReadAsync();

        var json = records["data/items.json"];
        var info = new FileInfo(_tree.Full("data/items.json"));
        Assert.Equal("data/items.json", json.Metadata["path"].AsString());
        Assert.Equal("items.json", json.Metadata["file_name"].AsString());
        Assert.Equal("json", json.Metadata["extension"].AsString());
        Assert.Equal("application/json", json.Metadata["mime_type"].AsString());
        Assert.Equal(info.Length, json.Metadata["size"].AsInteger());
        Assert.Equal(MetadataKind.Timestamp, json.Metadata["modified"].Kind);
        Assert.Equal(info.LastWriteTimeUtc, json.Metadata["modified"].AsTimestamp().UtcDateTime);
        Assert.Equal(info.CreationTimeUtc, json.Metadata["created"].AsTimestamp().UtcDateTime);
        Assert.Equal(TimeSpan.Zero, json.Metadata["modified"].AsTimestamp().Offset);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(info.FullName))), json.Metadata["sha256"].AsString());
        Assert.Equal("data", json.Metadata["directory"].AsString());
        Assert.Equal("items.json", json.Title);
        Assert.Equal("{\"a\": 1}\n", json.Text);
        Assert.Equal("text/csv", records["data/table.csv"].Metadata["mime_type"].AsString());
        Assert.Equal("application/yaml", records["data/config.yaml"].Metadata["mime_type"].AsString());
        Assert.Equal("application/xml", records["data/layout.xml"].Metadata["mime_type"].AsString());
        Assert.Equal("text/x-csharp", records["docs/api/Client.cs"].Metadata["mime_type"].AsString());
        Assert.Equal("code", records["docs/api/Client.cs"].Metadata["format"].AsString());
        Assert.Equal(".", records["LICENSE"].Metadata["directory"].AsString());
        Assert.Equal(string.Empty, records["LICENSE"].Metadata["extension"].AsString());
        Assert.Equal("text/plain", records["LICENSE"].Metadata["mime_type"].AsString());
    }

    [Fact]
    public async Task ReadAsync_BinaryAndUndecodableFiles_BecomeReferenceRecords()
    {
        var records = await ReadAsync();

        var png = records["media/logo.png"];
        Assert.Equal(RecordTypes.Reference, png.RecordType);
        Assert.Null(png.Text);
        Assert.Equal("image/png", png.Metadata["mime_type"].AsString());
        Assert.Equal("binary", png.Metadata["reference_reason"].AsString());
        Assert.Equal(FolderTree.Png.Length, png.Metadata["size"].AsInteger());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(FolderTree.Png)), png.Metadata["sha256"].AsString());

        var latin1 = records["media/latin1.txt"];
        Assert.Equal(RecordTypes.Reference, latin1.RecordType);
        Assert.Equal("invalid_encoding", latin1.Metadata["reference_reason"].AsString());
        Assert.Equal("text/plain", latin1.Metadata["mime_type"].AsString());

        var blob = records["media/blob"];
        Assert.Equal(RecordTypes.Reference, blob.RecordType);
        Assert.Equal("application/octet-stream", blob.Metadata["mime_type"].AsString());
        Assert.Equal("binary", blob.Metadata["reference_reason"].AsString());
    }

    [Fact]
    public async Task ReadAsync_ByteOrderMarkOrUnknownExtension_DecodesText()
    {
        var records = await ReadAsync();

        var wide = records["media/utf16.txt"];
        Assert.Equal(RecordTypes.Document, wide.RecordType);
        Assert.Equal("wide text ☺", wide.Text);
        Assert.Equal("utf-16le", wide.Metadata["encoding"].AsString());

        var script = records["media/script"];
        Assert.Equal(RecordTypes.Document, script.RecordType);
        Assert.Equal("#!/bin/sh\necho hi\n", script.Text);
        Assert.Equal("text/plain", script.Metadata["mime_type"].AsString());
    }

    [Fact]
    public async Task ReadAsync_Folders_BecomeHeadersWithReadmeTextAndMemberOfLinks()
    {
        var records = await ReadAsync();

        var root = records["."];
        Assert.Equal(RecordTypes.CollectionHeader, root.RecordType);
        Assert.Equal("Project Root", root.Title);
        Assert.Equal("# Project Root\n\nThe root readme.\n", root.Text);
        Assert.Equal("README.md", root.Metadata["readme"].AsString());
        Assert.Equal(3, root.Metadata["file_count"].AsInteger());
        Assert.Equal(4, root.Metadata["folder_count"].AsInteger());
        Assert.Empty(root.Relationships);
        Assert.Null(root.Collection);
        Assert.False(records.ContainsKey("README.md"), "the root README is the root header's text, not a record of its own");

        var api = records["docs/api"];
        Assert.Equal("API Index", api.Title);
        Assert.Equal("The API.", api.Text);
        Assert.Equal("docs/api/index.html", api.Metadata["readme"].AsString());
        Assert.Equal("docs", api.Metadata["directory"].AsString());
        Assert.Equal([new Relationship(RelationshipKinds.MemberOf, "docs")], api.Relationships);

        var data = records["data"];
        Assert.Equal("data", data.Title);
        Assert.Null(data.Text);
        Assert.Equal(4, data.Metadata["file_count"].AsInteger());
        Assert.Equal(0, data.Metadata["folder_count"].AsInteger());

        foreach (var record in records.Values.Where(r => r.Id != "."))
        {
            var parent = Assert.Single(record.Relationships, r => r.Kind == RelationshipKinds.MemberOf).TargetId;
            Assert.Equal(record.Metadata["directory"].AsString(), parent);
            Assert.Equal(parent, record.Collection);
            Assert.Equal(RecordTypes.CollectionHeader, records[parent].RecordType);
        }
    }

    [Fact]
    public async Task ReadAsync_DedupeDefault_LaterDuplicateLinksToTheFirstInOrdinalOrder()
    {
        var records = await ReadAsync();

        // "docs/copy-of-guide.md" < "docs/guide.md" and "docs/api/dup-notes.txt" < "notes.txt" ordinally.
        var guide = records["docs/guide.md"];
        Assert.Equal(RecordTypes.Reference, guide.RecordType);
        Assert.Null(guide.Text);
        Assert.Equal("duplicate", guide.Metadata["reference_reason"].AsString());
        Assert.Contains(new Relationship("duplicate_of", "docs/copy-of-guide.md"), guide.Relationships);
        Assert.Equal(records["docs/copy-of-guide.md"].Metadata["sha256"], guide.Metadata["sha256"]);
        Assert.Contains(new Relationship("duplicate_of", "docs/api/dup-notes.txt"), records["notes.txt"].Relationships);
        Assert.Equal(RecordTypes.Document, records["docs/api/dup-notes.txt"].RecordType);
    }

    [Fact]
    public async Task ReadAsync_DedupeSkip_LeavesLaterDuplicatesOut()
    {
        var records = await ReadAsync(("dedupe", "skip"));

        Assert.Equal(FolderTree.ExpectedIds.Count - 2, records.Count);
        Assert.False(records.ContainsKey("docs/guide.md"));
        Assert.False(records.ContainsKey("notes.txt"));
        Assert.Equal(RecordTypes.Document, records["docs/copy-of-guide.md"].RecordType);
    }

    [Fact]
    public async Task ReadAsync_DedupeFalse_KeepsEveryFileWhole()
    {
        var records = await ReadAsync(("dedupe", "false"));

        Assert.Equal(RecordTypes.Document, records["docs/guide.md"].RecordType);
        Assert.Equal("The Guide", records["docs/guide.md"].Title);
        Assert.DoesNotContain(records.Values, r => r.Relationships.Any(x => x.Kind == "duplicate_of"));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(13)]
    public async Task ReadAsync_ResumeFromAMidwayToken_YieldsExactlyTheSameRest(int batch)
    {
        await using var first = Create();
        var batches = await SourceReader.BatchesAsync(first, batch);
        var middle = batches.Count / 2;
        var token = batches[middle].ResumeToken!;
        var expected = batches.Skip(middle + 1).SelectMany(b => b.Records).ToList();

        await using var resumed = Create();
        var rest = (await SourceReader.BatchesAsync(resumed, batch, token)).SelectMany(b => b.Records).ToList();

        Assert.StartsWith("after:", token, StringComparison.Ordinal);
        Assert.Equal(expected.Select(r => r.Id), rest.Select(r => r.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            RecordAssert.Equal(expected[i], rest[i]);
        }
    }

    [Fact]
    public async Task ReadAsync_ResumeAfterTheOriginal_StillLinksTheDuplicate()
    {
        // Resuming right after "docs/copy-of-guide.md" must still know its hash to mark "docs/guide.md" a duplicate.
        await using var source = Create();
        var rest = (await SourceReader.BatchesAsync(source, 100, "after:docs/copy-of-guide.md")).SelectMany(b => b.Records).ToList();

        var guide = Assert.Single(rest, r => r.Id == "docs/guide.md");
        Assert.Contains(new Relationship("duplicate_of", "docs/copy-of-guide.md"), guide.Relationships);
        Assert.DoesNotContain(rest, r => string.CompareOrdinal(r.Id == "." ? string.Empty : r.Id, "docs/copy-of-guide.md") <= 0);
    }

    [Fact]
    public async Task ReadAsync_ResumeTokenOfARemovedFile_ContinuesAfterItsPlace()
    {
        await using var source = Create();
        var rest = (await SourceReader.BatchesAsync(source, 100, "after:notes/n05.md-gone")).SelectMany(b => b.Records).Select(r => r.Id).ToList();

        Assert.Equal(Enumerable.Range(6, 18).Select(i => $"notes/n{i:D2}.md"), rest);
    }

    [Fact]
    public async Task ReadAsync_IncludeGlobs_KeepOnlyMatchingFilesAndTheirFolders()
    {
        var records = await ReadAsync(("include", "**/*.md;**/*.cs"));

        var expected = FolderTree.ExpectedIds.Where(id => id.EndsWith(".md", StringComparison.Ordinal) || id.EndsWith(".cs", StringComparison.Ordinal)).ToList();
        expected.AddRange([".", "docs", "docs/api", "notes"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), records.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Project Root", records["."].Title);
        Assert.Null(records["docs/api"].Text);
    }

    [Fact]
    public async Task ReadAsync_ExcludeGlobs_PruneFoldersAndFiles()
    {
        var records = await ReadAsync(("exclude", "notes/,*.png,data/*.csv"));

        Assert.DoesNotContain(records.Keys, id => id.StartsWith("notes", StringComparison.Ordinal) && id != "notes.txt");
        Assert.False(records.ContainsKey("media/logo.png"));
        Assert.False(records.ContainsKey("data/table.csv"));
        Assert.True(records.ContainsKey("data/items.json"));
        Assert.Equal(3, records["."].Metadata["folder_count"].AsInteger());
    }

    [Fact]
    public async Task ReadAsync_DefaultExcludesOff_ReadsBuildAndVersionControlFolders()
    {
        var records = await ReadAsync(("default_excludes", "false"));

        Assert.True(records.ContainsKey("bin/Debug/out.dll"));
        Assert.True(records.ContainsKey("src/obj/cache.txt"));
        Assert.True(records.ContainsKey(".git/HEAD"));
        Assert.True(records.ContainsKey("node_modules/pkg/index.js"));
        Assert.Equal("binary", records["bin/Debug/out.dll"].Metadata["reference_reason"].AsString());
    }

    [Fact]
    public async Task ReadAsync_FileOverMaxTextBytes_BecomesReference()
    {
        var records = await ReadAsync(("max_text_bytes", "100"));

        var page = records["docs/page.html"];
        Assert.Equal(RecordTypes.Reference, page.RecordType);
        Assert.Equal("too_large", page.Metadata["reference_reason"].AsString());
        Assert.Equal("text/html", page.Metadata["mime_type"].AsString());
        Assert.Equal(RecordTypes.Document, records["notes/n01.md"].RecordType);
    }

    [Fact]
    public async Task ReadAsync_HierarchyOff_NoHeadersAndReadmesAreDocuments()
    {
        var records = await ReadAsync(("hierarchy", "false"));

        Assert.DoesNotContain(records.Values, r => r.RecordType == RecordTypes.CollectionHeader);
        Assert.DoesNotContain(records.Values, r => r.Relationships.Any(x => x.Kind == RelationshipKinds.MemberOf));
        Assert.Equal("Project Root", records["README.md"].Title);
        Assert.Equal("API Index", records["docs/api/index.html"].Title);
    }

    [Fact]
    public async Task ReadAsync_FileRemovedAfterTheScan_IsAFailureNamingTheFile()
    {
        await using var source = Create();
        await source.GetPartitionsAsync(1, CancellationToken.None);
        File.Delete(_tree.Full("data/table.csv"));

        var batches = await SourceReader.BatchesAsync(source, 1000);

        var failure = Assert.Single(batches.SelectMany(b => b.Failures));
        Assert.Equal("data/table.csv", failure.RecordId);
        Assert.Contains("data/table.csv", failure.Message, StringComparison.Ordinal);
        Assert.Equal(FolderTree.ExpectedIds.Count - 1, batches.Sum(b => b.Records.Count));
    }

    [Fact]
    public async Task ReadAsync_SymbolicLinks_FilesAreReadFoldersAreNotFollowed()
    {
        File.CreateSymbolicLink(_tree.Full("docs/link-to-json.json"), _tree.Full("data/items.json"));
        Directory.CreateSymbolicLink(_tree.Full("docs/loop"), _tree.Path);

        var records = await ReadAsync();
        var whole = await ReadAsync(("dedupe", "false"));

        // The link has the bytes of its target, so by default it is that file's duplicate.
        Assert.Contains(new Relationship("duplicate_of", "data/items.json"), records["docs/link-to-json.json"].Relationships);
        Assert.Equal("{\"a\": 1}\n", whole["docs/link-to-json.json"].Text);
        Assert.DoesNotContain(records.Keys, id => id.StartsWith("docs/loop", StringComparison.Ordinal));
        Assert.DoesNotContain(whole.Keys, id => id.StartsWith("docs/loop", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("folder://")]
    [InlineData("file://")]
    [InlineData("")]
    public async Task Create_LocationForms_ReadTheSameFolder(string prefix)
    {
        await using var source = new FolderSourceFactory().Create(new ConnectorContext(prefix + _tree.Path + "/"));

        var records = await SourceReader.RecordsAsync(source);

        Assert.Equal(FolderTree.ExpectedIds.Count, records.Count);
    }

    [Fact]
    public void Create_BadLocationsOrOptions_ThrowConfigurationErrors()
    {
        var factory = new FolderSourceFactory();
        Assert.Contains("does not exist", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(new ConnectorContext(_tree.Full("missing")))).Message, StringComparison.Ordinal);
        Assert.Contains("is a file", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(new ConnectorContext(_tree.Full("notes.txt")))).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown option 'inclde'", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(Context(("inclde", "*.md")))).Message, StringComparison.Ordinal);
        Assert.Contains("dedupe", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(Context(("dedupe", "maybe")))).Message, StringComparison.Ordinal);
        Assert.Contains("max_text_bytes", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(Context(("max_text_bytes", "lots")))).Message, StringComparison.Ordinal);
        Assert.Contains("max_text_bytes", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(Context(("max_text_bytes", "5GiB")))).Message, StringComparison.Ordinal);
        Assert.Contains("include", Assert.Throws<ConnectorConfigurationException>(() => factory.Create(Context(("include", "**/*.{md")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPartitionsAsync_KeyRanges_CoverEveryRecordOnceInOrder()
    {
        await using var source = Create();
        var whole = (await SourceReader.BatchesAsync(source)).SelectMany(b => b.Records).Select(r => r.Id).ToList();

        var partitions = await source.GetPartitionsAsync(4, CancellationToken.None);
        var parts = new List<string>();
        foreach (var partition in partitions)
        {
            parts.AddRange((await SourceReader.BatchesAsync(source, 3, partition: partition)).SelectMany(b => b.Records).Select(r => r.Id));
        }

        Assert.Equal(4, partitions.Count);
        Assert.Equal(whole, parts);
    }

    public void Dispose() => _tree.Dispose();

    private SourceConnector Create(params (string Key, string Value)[] options) => new FolderSourceFactory().Create(Context(options));

    private ConnectorContext Context(params (string Key, string Value)[] options) =>
        new(_tree.Path, new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))));

    private async Task<Dictionary<string, Record>> ReadAsync(params (string Key, string Value)[] options)
    {
        await using var source = Create(options);
        var records = await SourceReader.RecordsAsync(source, 7);
        return records.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }
}
