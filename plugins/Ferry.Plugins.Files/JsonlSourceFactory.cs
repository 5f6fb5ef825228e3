using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files;

/// <summary>Reads JSON Lines files (<c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>, <c>.br</c>, <c>.enc</c>).</summary>
[SourceExport("jsonl", Extensions = [".jsonl", ".ndjson"], Description = "JSON Lines, one record per line (Ferry's record shape or flat objects); read in parallel byte ranges.")]
public sealed class JsonlSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new JsonlSource(JsonlSourceSettings.Parse(context), context.Log);
    }
}
