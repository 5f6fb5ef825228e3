namespace Ferry.Frame;

/// <summary>An append met ids that already exist in the dataset (or twice in the same batch). Appends never replace; use upsert.</summary>
public sealed class FrameDuplicateIdException : FrameException
{
    /// <summary>Creates the exception.</summary>
    public FrameDuplicateIdException(IReadOnlyList<string> ids)
        : base(Describe(ids))
    {
        Ids = ids;
    }

    /// <summary>The duplicate ids (up to the first few hundred).</summary>
    public IReadOnlyList<string> Ids { get; }

    private static string Describe(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        const int Shown = 5;
        var shown = ids.Count <= Shown ? string.Join("', '", ids) : string.Join("', '", ids.Take(Shown)) + "', …";
        return $"{ids.Count} id(s) already exist in the dataset or repeat in the batch: '{shown}'. Append never replaces a record; use upsert.";
    }
}
