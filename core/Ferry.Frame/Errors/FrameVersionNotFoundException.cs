namespace Ferry.Frame;

/// <summary>The requested version does not exist (never committed, or removed by cleanup), or the path holds no dataset.</summary>
public sealed class FrameVersionNotFoundException : FrameException
{
    /// <summary>Creates the exception.</summary>
    public FrameVersionNotFoundException(string message, long? version = null)
        : base(message)
    {
        Version = version;
    }

    /// <summary>The version asked for, when one was.</summary>
    public long? Version { get; }
}
