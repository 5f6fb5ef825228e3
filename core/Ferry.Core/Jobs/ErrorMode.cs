namespace Ferry.Core.Jobs;

/// <summary>What happens when a record cannot be read, converted, transformed or written.</summary>
public enum ErrorMode
{
    /// <summary>The record goes to the dead-letter file, the run stops (after making what was written durable) and exits with RecordFailed.</summary>
    Strict,
    /// <summary>The record goes to the dead-letter file, the run carries on and exits with PartialFailure when any record failed (the default).</summary>
    Lenient,
    /// <summary>The record goes to the dead-letter file and is counted as skipped; the run carries on and exits 0.</summary>
    Skip,
}
