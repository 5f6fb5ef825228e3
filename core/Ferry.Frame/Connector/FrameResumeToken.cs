using System.Globalization;
using Ferry.Sdk.Errors;

namespace Ferry.Frame.Connector;

/// <summary>Where a read continues: the version read and the next (fragment id, row) to read. Text form <c>v=7;f=12;r=4096</c>.</summary>
internal readonly record struct FrameResumeToken(long Version, long FragmentId, int Row)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v={Version};f={FragmentId};r={Row}");

    public static FrameResumeToken Parse(string token)
    {
        var parts = token.Split(';');
        if (parts.Length == 3 && parts[0].StartsWith("v=", StringComparison.Ordinal) && parts[1].StartsWith("f=", StringComparison.Ordinal) && parts[2].StartsWith("r=", StringComparison.Ordinal)
            && long.TryParse(parts[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && long.TryParse(parts[1].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var fragment)
            && int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return new FrameResumeToken(version, fragment, row);
        }

        throw new ConnectorConfigurationException($"'{token}' is not a Frame resume token.");
    }
}
