using System.Globalization;
using System.Text;
using Ferry.Sdk.Errors;

namespace Ferry.Frame.Connector;

/// <summary>
/// A partition of a Frame source: a version and a list of row ranges of fragments. The descriptor names everything, so a
/// resume with another requested parallelism reads exactly the recorded slice: <c>v=7;12:0-65536,13:0-1000</c>.
/// </summary>
internal sealed record FramePartition(long Version, IReadOnlyList<FrameRowRange> Ranges)
{
    public string ToDescriptor()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"v={Version};");
        for (var i = 0; i < Ranges.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(CultureInfo.InvariantCulture, $"{Ranges[i].FragmentId}:{Ranges[i].Start}-{Ranges[i].End}");
        }

        return builder.ToString();
    }

    public static FramePartition Parse(string descriptor)
    {
        try
        {
            var parts = descriptor.Split(';', 2);
            if (!parts[0].StartsWith("v=", StringComparison.Ordinal))
            {
                throw new FormatException("missing version");
            }

            var version = long.Parse(parts[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture);
            var ranges = new List<FrameRowRange>();
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                foreach (var item in parts[1].Split(','))
                {
                    var colon = item.IndexOf(':', StringComparison.Ordinal);
                    var dash = item.IndexOf('-', colon + 1);
                    ranges.Add(new FrameRowRange(
                        long.Parse(item.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture),
                        int.Parse(item.AsSpan(colon + 1, dash - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture),
                        int.Parse(item.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture)));
                }
            }

            return new FramePartition(version, ranges);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new ConnectorConfigurationException($"'{descriptor}' is not a Frame partition descriptor.", ex);
        }
    }
}
