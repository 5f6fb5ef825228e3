namespace Ferry.Core.Validation;

/// <summary>How thoroughly source and target are compared. Each level includes the ones before it, except as noted.</summary>
public enum ValidationLevel
{
    /// <summary>No validation.</summary>
    None,
    /// <summary>Record counts match.</summary>
    Count,
    /// <summary>Counts, and a random sample of records compared field by field with a readable diff.</summary>
    Sample,
    /// <summary>Counts, and every record's content checksum (text, title, metadata, vector bits) compared.</summary>
    Full,
    /// <summary>Counts, the sample, and search agreement: top-k overlap of sample queries run on both sides (both must support search).</summary>
    Search,
}
