using Ferry.Sdk.Records;

namespace Ferry.Sdk.Connectors;

/// <summary>A record that failed at some stage, with enough context to find and fix it.</summary>
/// <param name="RecordId">The record's id, when known.</param>
/// <param name="Message">What went wrong, naming the field where known.</param>
public sealed record RecordFailure(string? RecordId, string Message)
{
    /// <summary>The field at fault, when known.</summary>
    public string? Field { get; init; }

    /// <summary>The 1-based line or row in the input, when the input has lines.</summary>
    public long? Line { get; init; }

    /// <summary>The record as far as it was converted, when there is one.</summary>
    public Record? Record { get; init; }

    /// <summary>The raw input (a line, a JSON document), when the record could not be converted at all.</summary>
    public string? Raw { get; init; }

    /// <summary>Whether retrying might succeed (false for bad data).</summary>
    public bool IsTransient { get; init; }
}
