using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>The SDK's source contract over a 60-row table on PGlite (pgvector types included).</summary>
[Collection(PgliteCollection.Name)]
public sealed class PgliteSourceConformanceTests(PgliteFixture fixture) : SourceConformanceTests
{
    protected override long ExpectedCount => fixture.Small.Records.Count;

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Connectors.Source(fixture.Server.Location(fixture.Small.Name)));

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(fixture.Small.Records);
}

/// <summary>The SDK's sink contract on PGlite: every record feature, INSERT loading (PGlite takes no COPY).</summary>
[Collection(PgliteCollection.Name)]
public sealed class PgliteSinkConformanceTests(PgliteFixture fixture) : SinkConformanceTests
{
    protected override string CreateTarget() => fixture.Server.Location("conf_" + Guid.NewGuid().ToString("N")[..12]);

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Connectors.Sink(target));
}

/// <summary>The SDK's source contract over a 60-row table on PostgreSQL 15 (real[] embedding).</summary>
[Collection(Postgres15Collection.Name)]
public sealed class Postgres15SourceConformanceTests(Postgres15Fixture fixture) : SourceConformanceTests
{
    protected override long ExpectedCount => fixture.Small.Records.Count;

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Connectors.Source(fixture.Server.Location(fixture.Small.Name)));

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(fixture.Small.Records);
}

/// <summary>The SDK's sink contract on PostgreSQL 15: binary COPY loading, vectors as real[] (no pgvector there).</summary>
[Collection(Postgres15Collection.Name)]
public sealed class Postgres15SinkConformanceTests(Postgres15Fixture fixture) : SinkConformanceTests
{
    protected override string CreateTarget() => fixture.Server.Location("conf_" + Guid.NewGuid().ToString("N")[..12]);

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Connectors.Sink(target));
}
