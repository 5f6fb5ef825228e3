namespace Ferry.Core.Pipeline;

/// <summary>How a run ended.</summary>
public enum MigrationOutcome
{
    /// <summary>Every record read was written (or filtered out); nothing failed.</summary>
    Completed,
    /// <summary>The run finished, but some records failed and are in the dead-letter file (lenient mode).</summary>
    CompletedWithFailures,
    /// <summary>The checkpoint says this migration already finished; nothing was read or written.</summary>
    AlreadyCompleted,
    /// <summary>A record failed in strict mode, or the failure limit was reached; the run stopped after making its writes durable.</summary>
    Stopped,
    /// <summary>The source, target or a transformer kept failing transiently; the run stopped and can be resumed.</summary>
    Unavailable,
    /// <summary>The source, target or a transformer failed permanently (corrupt input, refused operation, misconfiguration).</summary>
    Failed,
    /// <summary>The run was cancelled; it can be resumed.</summary>
    Cancelled,
}
