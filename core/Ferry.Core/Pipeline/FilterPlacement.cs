namespace Ferry.Core.Pipeline;

/// <summary>Where the job's filter is evaluated.</summary>
public enum FilterPlacement
{
    /// <summary>No filter.</summary>
    None,
    /// <summary>The source evaluates it (push-down): records that do not match are never read.</summary>
    Source,
    /// <summary>The pipeline evaluates it on every record read.</summary>
    Pipeline,
}
