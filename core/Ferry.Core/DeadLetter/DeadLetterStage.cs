namespace Ferry.Core.DeadLetter;

/// <summary>Where in the pipeline a record failed.</summary>
public enum DeadLetterStage
{
    /// <summary>Reading or converting it from the source (e.g. a malformed line).</summary>
    Read,
    /// <summary>Evaluating the filter on it.</summary>
    Filter,
    /// <summary>A transformer (or the id mode) could not handle it.</summary>
    Transform,
    /// <summary>The target refused it.</summary>
    Write,
}
