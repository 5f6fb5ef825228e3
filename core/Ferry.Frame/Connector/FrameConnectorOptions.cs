using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Frame.Connector;

/// <summary>Dataset options from connector options: <c>durable</c> (fsync before publishing, default true).</summary>
internal static class FrameConnectorOptions
{
    public static FrameDatasetOptions DatasetOptions(ConnectorContext context)
    {
        var durable = context.Options.GetBoolean("durable", true);
        return new FrameDatasetOptions { FlushToDisk = durable, TimeProvider = context.TimeProvider };
    }

    public static long? Version(ConnectorContext context)
    {
        var raw = context.Options.Get("version");
        if (raw is null)
        {
            return null;
        }

        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new ConnectorConfigurationException($"Option 'version' must be a positive version number, got '{raw}'.");
    }
}
