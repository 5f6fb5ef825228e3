namespace Ferry.Core.Jobs;

/// <summary>A job (from the command line or a job file) is incomplete or contradictory. Maps to the usage exit code.</summary>
public sealed class JobValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobValidationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
