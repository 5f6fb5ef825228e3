namespace Ferry.Host.Migration;

/// <summary>How a long-running command shows its progress.</summary>
internal enum OutputMode
{
    /// <summary>A live progress bar (standard output is a terminal).</summary>
    Terminal,
    /// <summary>JSON lines on standard output (<c>--json</c>).</summary>
    Json,
    /// <summary>A plain line on standard error now and then (output redirected, no <c>--json</c>).</summary>
    Plain,
}
