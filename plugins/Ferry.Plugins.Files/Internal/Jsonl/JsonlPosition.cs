using System.Globalization;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// The resume token of the JSON Lines source: <c>OFFSET:LINES</c>, the byte offset (in the decompressed text) of
/// the next line to read, and how many lines of the partition come before it.
/// </summary>
internal readonly record struct JsonlPosition(long Offset, long Lines)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Offset}:{Lines}");

    public static JsonlPosition Parse(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && long.TryParse(token.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
        {
            return new JsonlPosition(offset, lines);
        }

        throw new ConnectorConfigurationException($"'{token}' is not a JSON Lines resume token (OFFSET:LINES); the checkpoint belongs to another source. Use --restart.");
    }
}
