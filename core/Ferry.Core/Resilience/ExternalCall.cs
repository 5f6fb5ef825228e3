namespace Ferry.Core.Resilience;

/// <summary>The kind of call made to a connector, for retry accounting and messages.</summary>
public enum ExternalCall
{
    /// <summary>Describing the source's data.</summary>
    Describe,
    /// <summary>Counting records.</summary>
    Count,
    /// <summary>Splitting the source into partitions.</summary>
    Partition,
    /// <summary>Reading the next batch from the source.</summary>
    Read,
    /// <summary>Preparing the target.</summary>
    Prepare,
    /// <summary>Writing a batch to the target.</summary>
    Write,
    /// <summary>Making the target's writes durable.</summary>
    Flush,
    /// <summary>Reading records back from the target by id (validation).</summary>
    ReadBack,
    /// <summary>A vector search (search-agreement validation).</summary>
    Search,
    /// <summary>A transformer working on a batch.</summary>
    Transform,
}
