using Ferry.Files.Tests.Support;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Markdown;

public sealed class MarkdownTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Write_SingleFile_HasMarkerFrontMatterAndBody()
    {
        var record = new Record("note-1") { Title = "Hello", Text = "# Heading\n\nBody with --- rule\n---\nand more." };
        record.Metadata["year"] = 2024L;
        record.Metadata["score"] = 1.0;
        var path = _folder.File("notes.md");
        await Connectors.WriteAllAsync(Formats.Markdown.Sink, Connectors.Context(path), [record]);
        var text = await File.ReadAllTextAsync(path);
        Assert.Equal("<!-- ferry:record -->\n---\nid: note-1\ntitle: Hello\nmetadata:\n  year: 2024\n  score: 1.0\n---\n# Heading\n\nBody with --- rule\n---\nand more.\n", text);
        RecordAssert.Equal(record, (await Connectors.ReadAllAsync(Formats.Markdown.Source, Connectors.Context(path))).Single());
    }

    [Fact]
    public async Task RoundTrip_BodyLineEqualToMarker_IsEscapedAndRestored()
    {
        var records = new List<Record>
        {
            new("a") { Text = "before\n<!-- ferry:record -->\n\\<!-- ferry:record -->\nafter" },
            new("b") { Text = "<!-- ferry:record -->" },
            new("c") { Text = null },
            new("d") { Text = string.Empty },
            new("e") { Text = "ends with newline\n\n" },
        };
        var path = _folder.File("markers.md");
        await Connectors.WriteAllAsync(Formats.Markdown.Sink, Connectors.Context(path), records);
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(Formats.Markdown.Source, Connectors.Context(path)));
    }

    [Fact]
    public async Task Read_FolderOfForeignNotes_UsesFileNamesHeadingsAndFrontMatter()
    {
        var notes = _folder.File("vault");
        Directory.CreateDirectory(Path.Combine(notes, "sub"));
        await File.WriteAllTextAsync(Path.Combine(notes, "plain.md"), "# A plain note\n\nSome text.\n");
        await File.WriteAllTextAsync(Path.Combine(notes, "sub", "jekyll.md"), "---\ntitle: Post\ntags: [a, b]\ndate: 2024-01-01\ndraft: false\n---\nPost body.\n");
        await File.WriteAllTextAsync(Path.Combine(notes, "ignored.txt"), "not markdown");
        var records = await Connectors.ReadAllAsync(Formats.Markdown.Source, Connectors.Context(notes + "/", null, ("schema", "date:timestamp")));
        Assert.Equal(2, records.Count);
        var plain = records.Single(r => r.Id == "plain");
        Assert.Equal("A plain note", plain.Title);
        Assert.Equal("# A plain note\n\nSome text.", plain.Text);
        var post = records.Single(r => r.Id == "jekyll");
        Assert.Equal("Post", post.Title);
        Assert.Equal("Post body.", post.Text);
        Assert.Equal(MetadataValue.FromArray(["a", "b"]), post.Metadata["tags"]);
        Assert.Equal(MetadataValue.False, post.Metadata["draft"]);
        Assert.Equal(MetadataValue.FromTimestamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), post.Metadata["date"]);
    }

    [Fact]
    public async Task Write_FolderLayout_OneFilePerRecordWithoutVectorsWhenAsked()
    {
        var record = new Record("Doc One/with slash") { Text = "body" };
        record.Vector = [1f, 2f];
        var folder = _folder.File("out") + "/";
        await Connectors.WriteAllAsync(Formats.Markdown.Sink, Connectors.Context(folder, null, ("vectors", "false")), [record]);
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".md", file, StringComparison.Ordinal);
        Assert.StartsWith("doc-one-with-slash~", Path.GetFileName(file), StringComparison.Ordinal);
        var content = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain("vectors", content, StringComparison.Ordinal);
        var back = (await Connectors.ReadAllAsync(Formats.Markdown.Source, Connectors.Context(folder))).Single();
        Assert.Equal(record.Id, back.Id);
        Assert.Equal("body", back.Text);
        Assert.Empty(back.Vectors);
    }

    [Fact]
    public async Task Read_BrokenFrontMatter_FailsThatRecordNamingTheLine()
    {
        var path = _folder.File("broken.md");
        await File.WriteAllTextAsync(path, "<!-- ferry:record -->\n---\nid: ok\n---\nfine\n<!-- ferry:record -->\n---\nid: [unclosed\n---\nbad\n<!-- ferry:record -->\n---\nid: ok2\n---\nfine too\n");
        var (records, error, failures) = await Connectors.ReadUntilErrorAsync(Formats.Markdown.Source, Connectors.Context(path), batchSize: 10);
        Assert.Null(error);
        Assert.Equal(["ok", "ok2"], records.Select(r => r.Id));
        var failure = Assert.Single(failures);
        Assert.Equal(7, failure.Line);
        Assert.Contains("line 7", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
