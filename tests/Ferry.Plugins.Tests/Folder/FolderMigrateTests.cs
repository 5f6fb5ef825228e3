using Ferry.Core.Catalog;
using Ferry.Plugins.Folder;
using Ferry.Plugins.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Plugins.Tests.Folder;

/// <summary><c>ferry migrate --from ./folder/ --to x.frame</c> end to end, as docs/from-filesystem.md shows it.</summary>
public sealed class FolderMigrateTests : IDisposable
{
    private readonly FolderTree _tree = new();
    private readonly TempFolder _work = new();

    [Fact]
    public async Task Migrate_FolderToFrame_TargetHoldsExactlyTheSourceRecords()
    {
        var frame = _work.Full("docs.frame");

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path + "/", "--to", frame, "--state-dir", _work.Full(".ferry"));

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var target = await FerryRun.ReadFrameAsync(frame);
        await using var source = new FolderSourceFactory().Create(new ConnectorContext(_tree.Path));
        var expected = await SourceReader.RecordsAsync(source);
        Assert.Equal(FolderTree.ExpectedIds.Count, target.Count);
        foreach (var record in expected)
        {
            // The engine records provenance on the way; everything else arrives as the source produced it.
            var copy = target[record.Id];
            Assert.Equal("folder", copy.Source!.System);
            copy.Source = null;
            RecordAssert.Equal(record, copy);
        }
    }

    [Fact]
    public async Task Migrate_FolderSchemeWithOptionsAndFilter_SelectsTheMarkdownNotes()
    {
        var frame = _work.Full("notes.frame");

        var (code, output, error) = await FerryRun.RunAsync(
            "migrate", "--from", $"folder://{_tree.Path}?include=notes/**;*.txt&dedupe=false", "--to", frame,
            "--filter", "record_type = 'document' AND size < 100", "--state-dir", _work.Full(".ferry"));

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var target = await FerryRun.ReadFrameAsync(frame);
        var expected = Enumerable.Range(0, 24).Select(i => $"notes/n{i:D2}.md")
            .Concat(["notes.txt", "docs/api/dup-notes.txt", "media/utf16.txt"]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, target.Keys.Order(StringComparer.Ordinal));
        Assert.All(target.Values, r => Assert.Equal(RecordTypes.Document, r.RecordType));
    }

    [Fact]
    public void Resolve_PlainFolder_PicksTheFolderSource()
    {
        var catalog = new ConnectorCatalog();
        catalog.Register(new FolderSourceFactory(), new SourceExportAttribute("folder") { Schemes = ["folder"], Extensions = ["/"] }, "test");

        Assert.Equal("folder", catalog.Resolve(ConnectorKind.Source, _tree.Path).Name);
        Assert.Equal("folder", catalog.Resolve(ConnectorKind.Source, "folder:///anywhere").Name);
    }

    public void Dispose()
    {
        _tree.Dispose();
        _work.Dispose();
    }
}
