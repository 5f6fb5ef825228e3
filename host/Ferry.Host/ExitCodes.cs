namespace Ferry.Host;

/// <summary>
/// The process exit codes, one per failure class, so scripts can tell what went wrong. Documented in the
/// README; keep both in step.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug): the message and stack trace are printed.</summary>
    public const int InternalError = 1;

    /// <summary>The command line or job file is wrong (unknown option, missing argument, bad YAML).</summary>
    public const int Usage = 2;

    /// <summary>A location, option, secret or plugin is wrong: no connector, bad URI, missing key.</summary>
    public const int Configuration = 3;

    /// <summary>A source or target could not be reached or kept failing after all retries.</summary>
    public const int Unavailable = 4;

    /// <summary>The run finished but some records failed and went to the dead-letter file (lenient mode; skip mode counts them as skipped and exits 0).</summary>
    public const int PartialFailure = 5;

    /// <summary>A record failed in strict mode and the run stopped (the dead-letter file names it).</summary>
    public const int RecordFailed = 6;

    /// <summary>Validation found differences between source and target.</summary>
    public const int ValidationFailed = 7;

    /// <summary>
    /// A source, target or transformer failed permanently and the run stopped: corrupt or truncated input, a file
    /// that changed under a resumed run, an operation the target refused outright. Retrying the same run will not help.
    /// </summary>
    public const int ConnectorFailed = 8;

    /// <summary>The run was cancelled (Ctrl+C / SIGTERM); a checkpoint allows resuming.</summary>
    public const int Cancelled = 130;
}
