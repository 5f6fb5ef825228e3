using Ferry.Sdk.Records;

namespace Ferry.Sdk.Connectors;

/// <summary>The outcome of a transformer on one batch.</summary>
/// <param name="Records">The records that go on (possibly fewer or more than came in).</param>
/// <param name="Failures">The records the transformer could not handle; they go to the dead-letter file.</param>
public sealed record TransformResult(IReadOnlyList<Record> Records, IReadOnlyList<RecordFailure> Failures)
{
    /// <summary>Every record passes on.</summary>
    public static TransformResult Pass(IReadOnlyList<Record> records) => new(records, []);
}
