using Ferry.Core.Catalog;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>Factories for mem:// connectors and test transformers, and a catalogue holding them.</summary>
internal static class MemoryConnectors
{
    public static ConnectorCatalog Catalog()
    {
        var catalog = new ConnectorCatalog();
        catalog.Register(new SourceFactoryImpl(), new SourceExportAttribute("mem") { Schemes = ["mem"] }, "test");
        catalog.Register(new SinkFactoryImpl(), new SinkExportAttribute("mem") { Schemes = ["mem"] }, "test");
        catalog.Register(new UpperCaseTitleFactory(), new TransformerExportAttribute("upper-title"), "test");
        catalog.Register(new FailingTransformerFactory(), new TransformerExportAttribute("fail-on"), "test");
        return catalog;
    }

    private sealed class SourceFactoryImpl : SourceFactory
    {
        public override SourceConnector Create(ConnectorContext context) => new MemorySource(MemoryData.Get(context.Location));
    }

    private sealed class SinkFactoryImpl : SinkFactory
    {
        public override SinkConnector Create(ConnectorContext context) => new MemorySink(MemoryData.Get(context.Location));
    }

    /// <summary>Upper-cases titles; counts the records it saw in option 'seen' (a MemoryData name) when given.</summary>
    private sealed class UpperCaseTitleFactory : TransformerFactory
    {
        public override Transformer Create(ConnectorContext context) => new UpperCaseTitle();
    }

    private sealed class UpperCaseTitle : Transformer
    {
        public override ValueTask<TransformResult> TransformAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken)
        {
            foreach (var record in batch)
            {
                record.Title = record.Title?.ToUpperInvariant();
            }

            return ValueTask.FromResult(TransformResult.Pass(batch));
        }
    }

    /// <summary>Throws on records whose id is listed in option 'ids' (comma-separated), anywhere in a batch.</summary>
    private sealed class FailingTransformerFactory : TransformerFactory
    {
        public override Transformer Create(ConnectorContext context) =>
            new FailingTransformer(context.Options.GetString("ids", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    private sealed class FailingTransformer : Transformer
    {
        private readonly HashSet<string> _ids;

        public FailingTransformer(HashSet<string> ids)
        {
            _ids = ids;
        }

        public override ValueTask<TransformResult> TransformAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken)
        {
            foreach (var record in batch)
            {
                if (_ids.Contains(record.Id))
                {
                    throw new Ferry.Sdk.Errors.RecordException("cannot transform this record", record.Id);
                }
            }

            return ValueTask.FromResult(TransformResult.Pass(batch));
        }
    }
}
