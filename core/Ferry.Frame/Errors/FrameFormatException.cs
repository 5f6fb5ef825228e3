namespace Ferry.Frame;

/// <summary>A dataset's files do not follow the Frame format (corrupt, truncated, or written by a newer writer with features this reader lacks).</summary>
public sealed class FrameFormatException : FrameException
{
    /// <summary>Creates the exception.</summary>
    public FrameFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
