namespace Ferry.Sdk.Connectors;

/// <summary>The outcome of a sink's <see cref="SinkConnector.UpsertAsync"/>.</summary>
/// <param name="Written">How many records were accepted.</param>
/// <param name="Failures">The records the target refused; they go to the dead-letter file.</param>
public sealed record WriteResult(int Written, IReadOnlyList<RecordFailure> Failures)
{
    /// <summary>All records of a batch accepted.</summary>
    public static WriteResult AllWritten(int count) => new(count, []);
}
