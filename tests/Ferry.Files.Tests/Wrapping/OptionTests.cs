using Ferry.Files.Tests.Support;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Tests.Wrapping;

/// <summary>Every option a file connector takes is a documented one: a misspelt option is an error, never ignored.</summary>
public sealed class OptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("csv", "delimitr")]
    [InlineData("tsv", "header_type")]
    [InlineData("json", "indnet")]
    [InlineData("yaml", "shema")]
    [InlineData("xml", "split_byte")]
    [InlineData("markdown", "vector")]
    [InlineData("arrow", "batch_row")]
    [InlineData("jsonl", "split_record")]
    public void Create_UnknownOption_IsAConfigurationErrorListingTheKnownOnes(string format, string option)
    {
        var @case = Formats.Get(format);

        // JSON Lines writes .br through the file layer (and its option check); its own source reads .br and checks its own.
        var path = _folder.File("data" + @case.Extension + (format == "jsonl" ? ".br" : string.Empty));
        var sink = Assert.Throws<ConnectorConfigurationException>(() => @case.Sink.Create(Connectors.Context(path, null, (option, "1"))));
        Assert.Contains($"Unknown option '{option}' for the {format} format", sink.Message, StringComparison.Ordinal);
        Assert.Contains("compression", sink.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, []);
        var source = Assert.Throws<ConnectorConfigurationException>(() => @case.Source.Create(Connectors.Context(path, null, (option, "1"))));
        Assert.Contains(format == "jsonl" ? $"Unknown JSON Lines option '{option}'" : $"Unknown option '{option}' for the {format} format", source.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "delimiter", ";", "quote", "'", "header", "true", "vector_format", "space", "nested", "dotted", "header_types", "true", "null", "NULL", "newline", "crlf", "bom", "true")]
    [InlineData("json", "indent", "true", "layout", "file", "schema", "year:integer", "allow_incomplete", "true")]
    [InlineData("markdown", "vectors", "false", "compression", "gzip", "compression_level", "smallest", "chunk_size", "4096")]
    [InlineData("arrow", "batch_rows", "10", "split_bytes", "4K", "split_records", "5", "key_id", "backup-key")]
    [InlineData("jsonl", "timestamps", "none", "metric", "dot", "split_records", "5", "key_env", TestKeys.Variable)]
    public async Task Create_DocumentedOptions_AreAcceptedBothWays(string format, params string[] pairs)
    {
        var @case = Formats.Get(format);
        var options = Enumerable.Range(0, pairs.Length / 2).Select(i => (pairs[2 * i], pairs[(2 * i) + 1])).ToArray();
        var path = _folder.File("ok" + @case.Extension);
        await Connectors.WriteAllAsync(@case.Sink, Connectors.Context(path, null, options), [new Ferry.Sdk.Records.Record("a") { Text = "t" }]);
        await using var source = @case.Source.Create(Connectors.Context(path, null, options));
        Assert.NotNull(source);
    }

    public void Dispose() => _folder.Dispose();
}
