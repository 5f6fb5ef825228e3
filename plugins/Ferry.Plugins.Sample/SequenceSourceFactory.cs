using Ferry.Plugins.Sample.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Sample;

/// <summary>
/// Creates <c>sequence://name</c> sources: <c>count</c> deterministic records (options <c>count</c>, <c>dimension</c>,
/// <c>seed</c>) with text, title, one vector and typed metadata. Useful to try a pipeline without a database.
/// </summary>
[SourceExport("sequence", Schemes = ["sequence"], Description = "Deterministic synthetic records with vectors and typed metadata (sequence://name).")]
public sealed class SequenceSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SequenceSource(SequenceOptions.From(context));
    }
}
