using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// A partition of a Chroma collection: the records at offsets [Start, End) in the collection's order, End open for
/// the last partition. Descriptor: <c>offsets START-END</c> or <c>offsets START-</c>; the whole collection is
/// <see cref="SourcePartition.Whole"/>.
/// </summary>
internal readonly record struct OffsetRange(long Start, long? End)
{
    private const string Prefix = "offsets ";

    public static SourcePartition ToPartition(long start, long? end) =>
        new($"offset-{start.ToString(CultureInfo.InvariantCulture)}", $"{Prefix}{start.ToString(CultureInfo.InvariantCulture)}-{end?.ToString(CultureInfo.InvariantCulture)}");

    public static OffsetRange FromPartition(SourcePartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Descriptor is null)
        {
            return new OffsetRange(0, null);
        }

        var text = partition.Descriptor;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || dash < 0
            || !long.TryParse(text.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            throw new ConnectorConfigurationException($"'{text}' is not a Chroma partition (expected 'offsets START-END').");
        }

        var endText = text.AsSpan(dash + 1);
        if (endText.IsEmpty)
        {
            return new OffsetRange(start, null);
        }

        return long.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end) && end >= start
            ? new OffsetRange(start, end)
            : throw new ConnectorConfigurationException($"'{text}' is not a Chroma partition (expected 'offsets START-END').");
    }
}
