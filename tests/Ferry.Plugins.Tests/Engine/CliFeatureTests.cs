using System.Text.Json;
using Ferry.Plugins.Tests.Folder;
using Ferry.Plugins.Tests.Support;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Tests.Engine;

/// <summary>
/// The engine features of this part through the real ferry command line and plugin loader: --transform with a mapping
/// file (and a job file's transformers), --on-duplicate, and the filter shortcuts against the equivalent --filter,
/// pushed down to a Frame source.
/// </summary>
public sealed class CliFeatureTests : IDisposable
{
    private readonly FolderTree _tree = new();
    private readonly TempFolder _work = new();

    [Fact]
    public async Task Migrate_TransformMappingFile_AppliesTheMapping()
    {
        var mapping = _work.Write("mapping.yaml", """
            # docs/mapping.md, "A folder import"
            rename:
              mime_type: content_type
              file_name: name
            transforms:
              - { field: extension, op: uppercase }
              - { field: title, op: trim }
            exclude: ["created", "sha256"]
            defaults:
              source_system: filesystem
            """);
        var frame = _work.Full("mapped.frame");

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", frame, "--transform", mapping, "--state-dir", _work.Full(".ferry"));

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var target = await FerryRun.ReadFrameAsync(frame);
        var json = target["data/items.json"];
        Assert.Equal("application/json", json.Metadata["content_type"].AsString());
        Assert.Equal("items.json", json.Metadata["name"].AsString());
        Assert.Equal("JSON", json.Metadata["extension"].AsString());
        Assert.Equal("filesystem", json.Metadata["source_system"].AsString());
        Assert.False(json.Metadata.ContainsKey("created"));
        Assert.False(json.Metadata.ContainsKey("sha256"));
        Assert.False(json.Metadata.ContainsKey("mime_type"));
        Assert.Equal("filesystem", target["."].Metadata["source_system"].AsString());
    }

    [Fact]
    public async Task Migrate_MappingFailsOnSomeRecords_DeadLettersNameRecordAndField()
    {
        var mapping = _work.Write("bad.yaml", "transforms:\n  - { field: encoding, op: parse_number }\n");
        var frame = _work.Full("bad.frame");

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", frame, "--transform", mapping, "--state-dir", _work.Full(".ferry"), "--json");

        Assert.True(code == 5, $"exit {code}\n{output}\n{error}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var target = await FerryRun.ReadFrameAsync(frame);
        Assert.All(target.Values, r => Assert.False(r.Metadata.ContainsKey("encoding")));
        var failed = result.GetProperty("failed").GetInt64();
        Assert.Equal(FolderTree.ExpectedIds.Count, target.Count + failed);
        var deadLetters = File.ReadAllLines(result.GetProperty("dead_letter").GetString()!);
        Assert.Equal(failed, deadLetters.Length);
        var first = JsonDocument.Parse(deadLetters[0]).RootElement;
        Assert.Equal("encoding", first.GetProperty("field").GetString());
        Assert.Contains("'utf-8' is not a number", first.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains($"{mapping}, line 2", first.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_BrokenMappingFile_Exit3NamingFileAndLine()
    {
        var mapping = _work.Write("broken.yaml", "rename:\n  a: b\ntransforms:\n  - { field: a, op: lowercse }\n");

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", _work.Full("x.frame"), "--transform", mapping, "--state-dir", _work.Full(".ferry"));

        Assert.True(code == 3, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"{mapping}, line 4: unknown op 'lowercse'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.Full("x.frame")));
    }

    [Fact]
    public async Task Migrate_StrictMappingFailure_Exit6WithTheMessageOfTheDocs()
    {
        var mapping = _work.Write("mapping.yaml", "transforms:\n  - { field: encoding, op: parse_number }\n");

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", _work.Full("s.frame"), "--transform", mapping, "--errors", "strict", "--parallel", "1", "--state-dir", _work.Full(".ferry"));

        Assert.True(code == 6, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"transform: Transformer '{mapping}': record '", output, StringComparison.Ordinal);
        Assert.Contains($"', field 'encoding': parse_number ({mapping}, line 2): 'utf-8' is not a number (digits with an optional sign", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_JobFileWithInlineSpecAndSkip_LeavesEarlierRecordsUntouched()
    {
        var frame = _work.Full("dup.frame");
        var upper = _work.Write("upper.yaml", "transforms:\n  - { field: title, op: uppercase }\n");
        var (first, firstOut, firstError) = await FerryRun.RunAsync("migrate", "--from", $"{_tree.Path}?include=notes/**", "--to", frame, "--transform", upper, "--state-dir", _work.Full(".ferry"));
        Assert.True(first == 0, $"exit {first}\n{firstOut}\n{firstError}");

        var job = _work.Write("job.yaml", $"""
            source: {_tree.Path}
            target: {frame}
            on-duplicate: skip
            state-dir: {_work.Full(".ferry")}
            transformers:
              - name: mapping
                options:
                  spec: |
                    defaults:
                      imported_by: job
            """);
        var (code, output, error) = await FerryRun.RunAsync("migrate", "--config", job, "--json");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        // The first import wrote the root header, the notes header and the 24 notes.
        Assert.Equal(26, result.GetProperty("duplicates").GetInt64());
        // Its README was not included then, so the root header's title is the folder's name (upper-cased by that import).
        Assert.Equal(Path.GetFileName(_tree.Path).ToUpperInvariant(), (await FerryRun.ReadFrameAsync(frame))["."].Title);
        var target = await FerryRun.ReadFrameAsync(frame);
        Assert.Equal("NOTE 7", target["notes/n07.md"].Title);
        Assert.False(target["notes/n07.md"].Metadata.ContainsKey("imported_by"));
        Assert.Equal("job", target["data/items.json"].Metadata["imported_by"].AsString());
        Assert.Equal(FolderTree.ExpectedIds.Count, target.Count);
    }

    [Fact]
    public async Task Migrate_OnDuplicateFail_StopsWithExit6NamingTheId()
    {
        var frame = _work.Full("fail.frame");
        var (first, _, _) = await FerryRun.RunAsync("migrate", "--from", $"{_tree.Path}?include=data/**", "--to", frame, "--state-dir", _work.Full(".ferry"));
        Assert.Equal(0, first);

        var (code, output, error) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", frame, "--on-duplicate", "fail", "--state-dir", _work.Full(".ferry"), "--parallel", "1");

        Assert.True(code == 6, $"exit {code}\n{output}\n{error}");
        Assert.Contains("Record '.' already exists in the target and --on-duplicate is fail", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_FilterShortcuts_SameRecordsAsTheEquivalentFilterAndPushedDown()
    {
        // A Frame source with a tags array (the extension split into one item), so every shortcut has data to select.
        var tagged = _work.Full("tagged.frame");
        var tags = _work.Write("tags.yaml", "rename: { extension: tags }\ntransforms:\n  - { field: tags, op: split }\n");
        var (prepared, prepOut, prepError) = await FerryRun.RunAsync("migrate", "--from", _tree.Path, "--to", tagged, "--transform", tags, "--state-dir", _work.Full(".ferry"));
        Assert.True(prepared == 0, $"exit {prepared}\n{prepOut}\n{prepError}");

        var viaShortcuts = _work.Full("shortcuts.frame");
        var (a, aOut, aError) = await FerryRun.RunAsync(
            "migrate", "--from", tagged, "--to", viaShortcuts, "--state-dir", _work.Full(".ferry"), "--json",
            "--types", "document,reference", "--tags", "md,json,png", "--date-range", "modified:2000-01-01..2999-12-31", "--filter", "size < 60");
        var viaFilter = _work.Full("filter.frame");
        var (b, bOut, bError) = await FerryRun.RunAsync(
            "migrate", "--from", tagged, "--to", viaFilter, "--state-dir", _work.Full(".ferry"), "--json",
            "--filter", "size < 60 AND record_type IN ('document', 'reference') AND (tags CONTAINS 'md' OR tags CONTAINS 'json' OR tags CONTAINS 'png') AND modified >= '2000-01-01' AND modified < '3000-01-01'");

        Assert.True(a == 0, $"exit {a}\n{aOut}\n{aError}");
        Assert.True(b == 0, $"exit {b}\n{bOut}\n{bError}");
        var resultA = JsonDocument.Parse(aOut.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("source", resultA.GetProperty("filter_placement").GetString());
        Assert.Equal(
            "size < 60 AND (modified >= TIMESTAMP '2000-01-01T00:00:00.0000000+00:00' AND modified < TIMESTAMP '3000-01-01T00:00:00.0000000+00:00') AND record_type IN ('document', 'reference') AND (tags CONTAINS 'md' OR tags CONTAINS 'json' OR tags CONTAINS 'png')",
            resultA.GetProperty("filter").GetString());
        var left = await FerryRun.ReadFrameAsync(viaShortcuts);
        var right = await FerryRun.ReadFrameAsync(viaFilter);
        var expected = (await FerryRun.ReadFrameAsync(tagged)).Values
            .Where(r => r.Metadata.TryGetValue("size", out var size) && size.AsInteger() < 60 && r.RecordType is RecordTypes.Document or RecordTypes.Reference
                && r.Metadata["tags"].AsArray().Any(t => t.AsString() is "md" or "json" or "png"))
            .Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count >= 20, $"only {expected.Count} records match");
        Assert.Equal(expected, left.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, right.Keys.Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _tree.Dispose();
        _work.Dispose();
    }
}
