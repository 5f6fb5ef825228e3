using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Frame.Connector;

/// <summary>Turns a connector location (<c>./docs.frame</c>, <c>/data/docs.frame</c>, <c>frame:///data/docs.frame</c>, <c>frame://docs.frame</c>) into a dataset path.</summary>
internal static class FrameLocation
{
    public static string Resolve(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var location = context.Location;
        if (location.StartsWith("frame://", StringComparison.OrdinalIgnoreCase))
        {
            // frame:///abs/path → /abs/path; frame://relative/path → relative/path.
            var rest = Uri.UnescapeDataString(location["frame://".Length..]);
            var query = rest.IndexOf('?', StringComparison.Ordinal);
            if (query >= 0)
            {
                rest = rest[..query];
            }

            location = rest;
        }

        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ConnectorConfigurationException($"'{context.Location}' does not name a Frame dataset directory.");
        }

        return Path.GetFullPath(location);
    }
}
