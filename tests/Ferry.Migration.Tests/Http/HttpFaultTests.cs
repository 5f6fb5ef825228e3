using System.Text.Json;
using Ferry.Core.Catalog;
using Ferry.Host;
using Ferry.Migration.Tests.Support;
using Ferry.Plugins.Files;
using Ferry.Sdk.Connectors;
using Xunit;

namespace Ferry.Migration.Tests.Http;

/// <summary>The CLI against a misbehaving HTTP source: transient faults are retried and counted, permanent ones end in the dead-letter file or stop the run with the matching exit code.</summary>
public sealed class HttpFaultTests : IAsyncDisposable
{
    private readonly WorkFolder _work = new();

    private static ConnectorCatalog Catalog()
    {
        var catalog = new ConnectorCatalog();
        catalog.Register(new HttpTestSourceFactory(), new SourceExportAttribute("faulty") { Schemes = ["faulty"] }, "test");
        catalog.Register(new JsonlSinkFactory(), new SinkExportAttribute("jsonl") { Extensions = [".jsonl"] }, "test");
        return catalog;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FerryCli.RunAsync([.. args, "--state-dir", _work.File(".ferry")], output, error, _ => Catalog());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Migrate_TransientFaults_CompletesAndCountsEveryRetry()
    {
        await using var server = new FaultyHttpServer(records: 3000, seed: 42);
        var target = _work.File("out.jsonl");
        var started = DateTime.UtcNow;

        var (code, output, error) = await RunAsync("migrate", "--from", $"faulty://127.0.0.1:{server.BaseAddress.Port}", "--to", target, "--json", "--batch-size", "100", "--retries", "10", "--retry-delay", "5ms", "--max-retry-delay", "50ms");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var result = ProgressLine.Result(output);
        var retried = result.GetProperty("retried").GetInt64();
        Assert.True(server.Faults > 0, "the server injected no fault");
        Assert.Equal(server.Faults, retried);
        Assert.Equal(retried, error.Split('\n').Count(l => l.StartsWith("warning: source read failed", StringComparison.Ordinal)));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2), "two Retry-After: 1 answers must each be waited out");
        var written = await JsonlFiles.ReadAsync(target);
        Assert.Equal(3000, written.Count);
        foreach (var record in written)
        {
            var i = int.Parse(record.Id[4..], System.Globalization.CultureInfo.InvariantCulture);
            var expected = FaultyHttpServer.Parse(i);
            Assert.Equal(expected.GetProperty("text").GetString(), record.Text);
            Assert.Equal(expected.GetProperty("metadata").GetProperty("n").GetInt64(), record.Metadata["n"].AsInteger());
            Assert.Equal(expected.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()), record.Vector!);
        }
    }

    [Theory]
    [InlineData("lenient", ExitCodes.PartialFailure)]
    [InlineData("skip", ExitCodes.Success)]
    [InlineData("strict", ExitCodes.RecordFailed)]
    public async Task Migrate_MalformedRecords_DeadLetteredWithTheModesExitCode(string mode, int expectedCode)
    {
        await using var server = new FaultyHttpServer(records: 1000, seed: 7, tooManyRequests: 0.05, unavailable: 0.05, dropped: 0);
        server.BadRecords.UnionWith([17, 500, 999]);
        var deadLetter = _work.File($"dl-{mode}.jsonl");

        // Small batches and short queues, so that strict mode stops long before the later bad records are read.
        var (code, output, error) = await RunAsync("migrate", "--from", $"faulty://127.0.0.1:{server.BaseAddress.Port}", "--to", _work.File($"{mode}.jsonl"), "--json", "--errors", mode, "--dead-letter", deadLetter, "--retry-delay", "5ms", "--batch-size", "50", "--channel-capacity", "1", "--transform-parallel", "1");

        Assert.True(code == expectedCode, $"exit {code}, expected {expectedCode}\n{output}\n{error}");
        var entries = File.ReadAllLines(deadLetter).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = entries.Select(e => e.GetProperty("record_id").GetString()).ToList();
        if (mode == "strict")
        {
            Assert.Equal("rec-00017", Assert.Single(ids));
            Assert.Contains("strict", ProgressLine.Result(output).GetProperty("message").GetString()!, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["rec-00017", "rec-00500", "rec-00999"], ids.Order());
            var result = ProgressLine.Result(output);
            Assert.Equal(997, result.GetProperty("migrated").GetInt64());
            Assert.Equal(mode == "skip" ? 3 : 0, result.GetProperty("skipped").GetInt64());
            Assert.Equal(mode == "skip" ? 0 : 3, result.GetProperty("failed").GetInt64());
        }

        Assert.All(entries, e =>
        {
            Assert.Equal("read", e.GetProperty("stage").GetString());
            Assert.Equal("vector", e.GetProperty("field").GetString());
            Assert.Contains("not a vector", e.GetProperty("raw").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Migrate_PageRefusedForGood_StopsWithConnectorFailed()
    {
        await using var server = new FaultyHttpServer(records: 500, seed: 3, tooManyRequests: 0, unavailable: 0, dropped: 0);
        server.RefusedOffsets.Add(200);

        var (code, output, error) = await RunAsync("migrate", "--from", $"faulty://127.0.0.1:{server.BaseAddress.Port}", "--to", _work.File("refused.jsonl"), "--json", "--batch-size", "100");

        Assert.True(code == ExitCodes.ConnectorFailed, $"exit {code}\n{output}\n{error}");
        var result = ProgressLine.Result(output);
        Assert.Equal("failed", result.GetProperty("outcome").GetString());
        Assert.Contains("HTTP 400 at offset 200", result.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_SourceDown_GivesUpAsUnavailableAndResumesLater()
    {
        await using var server = new FaultyHttpServer(records: 800, seed: 5, tooManyRequests: 0, unavailable: 0, dropped: 0);
        var target = _work.File("down.jsonl");
        var args = new[] { "migrate", "--from", $"faulty://127.0.0.1:{server.BaseAddress.Port}", "--to", target, "--json", "--batch-size", "100", "--retries", "3", "--retry-delay", "5ms", "--max-retry-delay", "20ms", "--checkpoint-every", "100" };
        server.Down = true;

        var (code, output, error) = await RunAsync(args);

        Assert.True(code == ExitCodes.Unavailable, $"exit {code}\n{output}\n{error}");
        Assert.Contains("unavailable", ProgressLine.Result(output).GetProperty("message").GetString()!, StringComparison.Ordinal);

        server.Down = false;
        (code, output, error) = await RunAsync(args);

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal(800, (await JsonlFiles.ReadAsync(target)).Count);
    }

    public async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await Task.CompletedTask;
    }
}
