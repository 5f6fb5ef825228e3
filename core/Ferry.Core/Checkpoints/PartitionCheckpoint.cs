namespace Ferry.Core.Checkpoints;

/// <summary>One source partition in a checkpoint: where it is and how far it has been durably written.</summary>
public sealed class PartitionCheckpoint
{
    /// <summary>The partition's id (see <see cref="Ferry.Sdk.Connectors.SourcePartition.Id"/>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The source's description of the slice, handed back unchanged on resume.</summary>
    public string? Descriptor { get; set; }

    /// <summary>The token to resume after the last durably written batch; <c>null</c> means from the partition's start.</summary>
    public string? ResumeToken { get; set; }

    /// <summary>Whether every record of the partition is durably written.</summary>
    public bool Done { get; set; }

    /// <summary>Records of this partition read and settled (written, failed or filtered) up to <see cref="ResumeToken"/>.</summary>
    public long Records { get; set; }
}
