namespace Ferry.Core.Checkpoints;

/// <summary>A checkpoint file cannot be used: unreadable, of another format, or of another migration.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
