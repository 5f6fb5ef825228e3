namespace Ferry.Frame.Versioning;

/// <summary>Thrown by the compaction's prepare step to end the commit without a version when no fragment needs rewriting.</summary>
internal sealed class NothingToCompactException : Exception
{
    public NothingToCompactException()
        : base("Nothing to compact.")
    {
    }
}
