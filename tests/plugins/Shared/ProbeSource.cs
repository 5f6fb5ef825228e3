using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.TestPlugins;

/// <summary>
/// A source that yields one record whose metadata are facts observed from inside the plugin (which library version
/// it runs with, in which load context), so that the host-side tests can assert isolation from the outside.
/// </summary>
internal sealed class ProbeSource : SourceConnector
{
    private readonly Func<Dictionary<string, MetadataValue>> _facts;

    public ProbeSource(Func<Dictionary<string, MetadataValue>> facts)
    {
        _facts = facts;
    }

    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new DatasetSchema { Count = 1 });

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var record = new Record("probe");
        foreach (var (key, value) in _facts())
        {
            record.Metadata[key] = value;
        }

        yield return new RecordBatch([record], "done", request.Partition);
    }
}
