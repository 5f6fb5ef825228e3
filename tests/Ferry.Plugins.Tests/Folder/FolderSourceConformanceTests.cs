using Ferry.Plugins.Folder;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Plugins.Tests.Folder;

/// <summary>The folder source against the SDK's source conformance tests, over <see cref="FolderTree"/>.</summary>
public sealed class FolderSourceConformanceTests : SourceConformanceTests, IClassFixture<FolderSourceConformanceTests.Tree>
{
    private readonly Tree _tree;

    public FolderSourceConformanceTests(Tree tree)
    {
        _tree = tree;
    }

    protected override long ExpectedCount => FolderTree.ExpectedIds.Count;

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new FolderSourceFactory().Create(new ConnectorContext(_tree.Files.Path)));

    protected override async ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken)
    {
        // An independent read in one big batch: the partitioned, small-batch reads must produce identical records
        // (dedupe decisions included, which a partition starting mid-tree makes from the hashes of earlier files).
        await using var source = new FolderSourceFactory().Create(new ConnectorContext(_tree.Files.Path));
        var records = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 10_000 }, cancellationToken))
        {
            records.AddRange(batch.Records);
        }

        Assert.Equal(FolderTree.ExpectedIds.Order(StringComparer.Ordinal), records.Select(r => r.Id).Order(StringComparer.Ordinal));
        return records;
    }

    /// <summary>One tree for all the facts of the class.</summary>
    public sealed class Tree : IDisposable
    {
        internal FolderTree Files { get; } = new();

        public void Dispose() => Files.Dispose();
    }
}
