using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// A partition of a JSON Lines file: lines that start in bytes [Start, End) of a plain file, or the whole
/// decompressed stream of a wrapped one. <see cref="FileLength"/> is the file's length when the partitions were made,
/// so that a resume against a changed file is refused instead of skipping or repeating lines.
/// Descriptor: <c>bytes=START-END/LENGTH</c> or <c>stream/LENGTH</c>.
/// </summary>
internal readonly record struct JsonlRange(long Start, long End, long FileLength, bool Stream)
{
    public string Descriptor => Stream
        ? string.Create(CultureInfo.InvariantCulture, $"stream/{FileLength}")
        : string.Create(CultureInfo.InvariantCulture, $"bytes={Start}-{End}/{FileLength}");

    public static JsonlRange? Parse(SourcePartition partition)
    {
        var text = partition.Descriptor;
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("stream/", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var streamLength))
        {
            return new JsonlRange(0, long.MaxValue, streamLength, Stream: true);
        }

        if (text.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (dash > 6 && slash > dash
                && long.TryParse(text.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(text.AsSpan(dash + 1, slash - dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
                && long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return new JsonlRange(start, end, length, Stream: false);
            }
        }

        throw new ConnectorConfigurationException($"Partition '{partition.Id}' ({text}) is not a JSON Lines partition; the checkpoint belongs to another source. Use --restart.");
    }
}
