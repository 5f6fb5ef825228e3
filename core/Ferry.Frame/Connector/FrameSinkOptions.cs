using Ferry.Sdk.Connectors;

namespace Ferry.Frame.Connector;

/// <summary>
/// Buffering of the Frame sink, from the connector options <c>stage_records</c>, <c>buffer_records</c> and <c>buffer_mb</c>.
/// </summary>
/// <param name="StageRecords">Records held in memory before they are encoded and written as a staged fragment.</param>
/// <param name="MaxBufferedRecords">Records (staged or not) after which a version is committed even without a flush.</param>
/// <param name="MaxBufferedBytes">Estimated bytes (staged or not) after which a version is committed even without a flush.</param>
internal sealed record FrameSinkOptions(int StageRecords, int MaxBufferedRecords, long MaxBufferedBytes)
{
    /// <summary>Records encoded into one staged fragment (default 16,384).</summary>
    public const int DefaultStageRecords = 16_384;

    /// <summary>Records buffered before a commit even without a flush (default 262,144).</summary>
    public const int DefaultMaxBufferedRecords = 262_144;

    /// <summary>Estimated megabytes buffered before a commit even without a flush (default 1024).</summary>
    public const int DefaultMaxBufferedMegabytes = 1024;

    public static FrameSinkOptions From(ConnectorOptions options) => new(
        Math.Max(1, options.GetInt32("stage_records", DefaultStageRecords)),
        Math.Max(1, options.GetInt32("buffer_records", DefaultMaxBufferedRecords)),
        Math.Max(1, options.GetInt32("buffer_mb", DefaultMaxBufferedMegabytes)) * 1024L * 1024L);
}
