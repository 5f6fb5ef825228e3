using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// A parallel-scan partition: DynamoDB's Segment/TotalSegments. Descriptor <c>segment I of N</c>; the whole table is
/// <see cref="SourcePartition.Whole"/> (a plain scan).
/// </summary>
internal readonly record struct ScanSegment(int Segment, int TotalSegments)
{
    /// <summary>DynamoDB's limit on TotalSegments.</summary>
    public const int MaxSegments = 1_000_000;

    public bool IsWhole => TotalSegments <= 1;

    public static SourcePartition ToPartition(int segment, int total) =>
        new($"segment-{segment.ToString(CultureInfo.InvariantCulture)}-of-{total.ToString(CultureInfo.InvariantCulture)}",
            $"segment {segment.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)}");

    public static ScanSegment FromPartition(SourcePartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Descriptor is null)
        {
            return new ScanSegment(0, 1);
        }

        var parts = partition.Descriptor.Split(' ');
        if (parts.Length == 4 && parts[0] == "segment" && parts[2] == "of"
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            && total is >= 1 and <= MaxSegments && segment < total)
        {
            return new ScanSegment(segment, total);
        }

        throw new ConnectorConfigurationException($"'{partition.Descriptor}' is not a DynamoDB scan partition (expected 'segment I of N').");
    }
}
