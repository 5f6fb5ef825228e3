using Ferry.Files.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Conformance;

/// <summary>The SDK's sink contract for a format, on plain files.</summary>
public abstract class FormatSinkConformance : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected abstract FormatCase Case { get; }

    protected virtual string Suffix => string.Empty;

    protected virtual (string Key, string Value)[] Options => [("key_env", TestKeys.Variable)];

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8] + Case.Extension + Suffix);

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Case.Sink.Create(Connectors.Context(target, null, Options)));

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The SDK's source contract for a format, over a file its own sink wrote.</summary>
public abstract class FormatSourceConformance : SourceConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _path;

    protected abstract FormatCase Case { get; }

    protected virtual string Suffix => string.Empty;

    protected virtual (string Key, string Value)[] Options => [("key_env", TestKeys.Variable)];

    protected override long ExpectedCount => 40;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        _path ??= await ConformanceFiles.WriteAsync(Case.Sink, _folder.File("data" + Case.Extension + Suffix), 40, ConformanceFeatures.All, Options);
        return Case.Source.Create(Connectors.Context(_path, null, Options));
    }

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(ConformanceData.CreateRecords(40, ConformanceFeatures.All));

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class YamlSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Yaml;
}

public sealed class YamlGzipSplitSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Yaml;

    protected override string Suffix => ".gz";

    protected override (string Key, string Value)[] Options => [("split_records", "4")];
}

public sealed class YamlSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Yaml;

    protected override string Suffix => ".br";
}

public sealed class XmlSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Xml;
}

public sealed class XmlEncryptedSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Xml;

    protected override string Suffix => ".gz.enc";
}

public sealed class XmlSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Xml;

    protected override (string Key, string Value)[] Options => [("split_bytes", "4K")];
}

public sealed class MarkdownSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Markdown;
}

public sealed class MarkdownFolderSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Markdown;

    protected override (string Key, string Value)[] Options => [("layout", "folder")];
}

public sealed class MarkdownSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Markdown;

    protected override string Suffix => ".gz";
}

public sealed class MarkdownFolderSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Markdown;

    protected override (string Key, string Value)[] Options => [("layout", "folder")];
}

public sealed class ArrowSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Arrow;
}

public sealed class ArrowBrotliSplitSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case => Support.Formats.Arrow;

    protected override string Suffix => ".br";

    protected override (string Key, string Value)[] Options => [("split_records", "8"), ("batch_rows", "3")];
}

public sealed class ArrowSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Arrow;

    protected override (string Key, string Value)[] Options => [("batch_rows", "5")];
}

public sealed class ArrowEncryptedSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case => Support.Formats.Arrow;

    protected override string Suffix => ".gz.enc";

    protected override (string Key, string Value)[] Options => [("key_env", TestKeys.Variable), ("split_records", "11")];
}
