using Ferry.Sdk.Connectors;

namespace Ferry.Frame.Connector;

/// <summary>Buffering of the Frame sink, from the connector options <c>buffer_records</c> and <c>buffer_mb</c>.</summary>
internal sealed record FrameSinkOptions(int MaxBufferedRecords, long MaxBufferedBytes)
{
    /// <summary>Records buffered before a commit even without a flush (default 262,144).</summary>
    public const int DefaultMaxBufferedRecords = 262_144;

    /// <summary>Estimated megabytes buffered before a commit even without a flush (default 1024).</summary>
    public const int DefaultMaxBufferedMegabytes = 1024;

    public static FrameSinkOptions From(ConnectorOptions options) => new(
        Math.Max(1, options.GetInt32("buffer_records", DefaultMaxBufferedRecords)),
        Math.Max(1, options.GetInt32("buffer_mb", DefaultMaxBufferedMegabytes)) * 1024L * 1024L);
}
