using Ferry.Sdk.Records;

namespace Ferry.Core.DeadLetter;

/// <summary>One failed record as written to the dead-letter file.</summary>
/// <param name="Stage">Where it failed.</param>
/// <param name="Error">What went wrong.</param>
public sealed record DeadLetterEntry(DeadLetterStage Stage, string Error)
{
    /// <summary>The source partition.</summary>
    public string? Partition { get; init; }

    /// <summary>The 1-based line in the input, when the input has lines.</summary>
    public long? Line { get; init; }

    /// <summary>The record's id, when known.</summary>
    public string? RecordId { get; init; }

    /// <summary>The field at fault, when known.</summary>
    public string? Field { get; init; }

    /// <summary>The record as far as it was converted.</summary>
    public Record? Record { get; init; }

    /// <summary>The raw input when the record could not be converted at all.</summary>
    public string? Raw { get; init; }
}
