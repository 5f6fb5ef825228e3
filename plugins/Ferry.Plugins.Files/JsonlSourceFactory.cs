using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files;

/// <summary>
/// Reads JSON Lines files (<c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>); encrypted files (with their key
/// options), Brotli and split exports (a manifest, or a target name whose manifest sits beside it) go through the
/// wrapping layer (docs/formats.md) with the same line parser.
/// </summary>
[SourceExport("jsonl", Extensions = [".jsonl", ".ndjson"], Description = "JSON Lines, one record per line (Ferry's record shape or flat objects); read in parallel byte ranges.")]
public sealed class JsonlSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JsonlFormat.NeedsWrapping(context, forWriting: false)
            ? FileConnectors.CreateSource(context, new JsonlFormat(context.Options))
            : new JsonlSource(JsonlSourceSettings.Parse(context), context.Log);
    }
}
