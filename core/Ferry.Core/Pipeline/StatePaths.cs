using Ferry.Core.Jobs;

namespace Ferry.Core.Pipeline;

/// <summary>Where a migration keeps its checkpoint, dead letters and checksum log.</summary>
internal sealed record StatePaths(string Checkpoint, string DeadLetter, string Checksums)
{
    /// <summary>The journal of written ids (duplicate policies skip and fail), beside the checkpoint.</summary>
    public string WrittenIds { get; init; } = Checksums + ".written-ids";

    public static StatePaths For(MigrationJob job, string fingerprint, string workingDirectory)
    {
        var state = Path.GetFullPath(job.StateDirectory, workingDirectory);
        var stem = fingerprint[..16];
        var checkpoint = job.CheckpointPath is null
            ? Path.Combine(state, stem + ".checkpoint.json")
            : Path.GetFullPath(job.CheckpointPath, workingDirectory);
        var folder = Path.GetDirectoryName(checkpoint)!;
        var deadLetter = job.DeadLetterPath is null
            ? Path.Combine(folder, stem + ".dead-letter.jsonl")
            : Path.GetFullPath(job.DeadLetterPath, workingDirectory);
        return new StatePaths(checkpoint, deadLetter, Path.Combine(folder, stem + ".checksums")) { WrittenIds = Path.Combine(folder, stem + ".written-ids") };
    }
}
