using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Sample.Internal;

/// <summary>The options of a sequence source, validated.</summary>
internal sealed record SequenceOptions(string Name, long Count, int Dimension, long Seed)
{
    public const long DefaultCount = 1000;
    public const int DefaultDimension = 8;
    public const int MaxDimension = 65536;

    public static SequenceOptions From(ConnectorContext context)
    {
        var name = context.Uri?.Host is { Length: > 0 } host ? host : "seq";
        var countText = context.Options.Get("count");
        var count = countText is null ? DefaultCount
            : long.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new ConnectorConfigurationException($"Option 'count' must be a non-negative integer, got '{countText}'.");
        var dimension = context.Options.GetInt32("dimension", DefaultDimension);
        if (dimension is < 1 or > MaxDimension)
        {
            throw new ConnectorConfigurationException($"Option 'dimension' must be between 1 and {MaxDimension}, got {dimension}.");
        }

        var seedText = context.Options.Get("seed");
        var seed = seedText is null ? 1
            : long.TryParse(seedText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s
            : throw new ConnectorConfigurationException($"Option 'seed' must be an integer, got '{seedText}'.");
        return new SequenceOptions(name, count, dimension, seed);
    }
}
