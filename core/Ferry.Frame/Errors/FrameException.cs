namespace Ferry.Frame;

/// <summary>The base of the errors the Frame store reports.</summary>
public class FrameException : IOException
{
    /// <summary>Creates the exception.</summary>
    public FrameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public FrameException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
