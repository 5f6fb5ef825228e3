namespace Ferry.Core.Jobs;

/// <summary>How records get their ids in the target.</summary>
public enum IdMode
{
    /// <summary>The source's id, unchanged (the default).</summary>
    Keep,
    /// <summary>A deterministic UUID v5 (SHA-1, Ferry's namespace) of the source id: the same source id always gives the same UUID.</summary>
    Uuid,
    /// <summary>A content hash (32 hex digits of SHA-256 over text, title, metadata and vectors): identical records collapse into one.</summary>
    Hash,
}
