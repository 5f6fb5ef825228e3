using Ferry.Sdk.Filtering;

namespace Ferry.Frame;

/// <summary>What <see cref="FrameDataset.ScanAsync"/> reads.</summary>
public sealed class FrameScanOptions
{
    /// <summary>Reads every record with every column.</summary>
    public static FrameScanOptions All { get; } = new();

    /// <summary>Only records matching this filter; <c>null</c> for all.</summary>
    public FilterExpression? Filter { get; init; }

    /// <summary>The parts of each record to read, as in <see cref="FrameSearchRequest.Columns"/>; <c>null</c> reads everything including vectors.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
}
