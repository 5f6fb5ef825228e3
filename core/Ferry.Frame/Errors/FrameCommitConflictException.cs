namespace Ferry.Frame;

/// <summary>
/// A commit could not be published because other writers kept committing first (after the configured number of
/// attempts), or because a concurrent commit made this one's work stale (compaction). Nothing of this commit became visible.
/// </summary>
public sealed class FrameCommitConflictException : FrameException
{
    /// <summary>Creates the exception.</summary>
    public FrameCommitConflictException(string message, long attemptedVersion)
        : base(message)
    {
        AttemptedVersion = attemptedVersion;
    }

    /// <summary>The version number this writer tried to publish last.</summary>
    public long AttemptedVersion { get; }
}
