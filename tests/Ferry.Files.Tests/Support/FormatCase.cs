using Ferry.Sdk.Connectors;

namespace Ferry.Files.Tests.Support;

/// <summary>A format under test: its factories, file extension and what it is documented to keep.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Extension">The file extension with the dot.</param>
/// <param name="Source">The source factory.</param>
/// <param name="Sink">The sink factory.</param>
public sealed record FormatCase(string Name, string Extension, SourceFactory Source, SinkFactory Sink)
{
    public override string ToString() => Name;
}
