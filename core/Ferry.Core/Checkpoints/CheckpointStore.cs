using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.Core.Checkpoints;

/// <summary>
/// Reads and writes checkpoint files. A write goes to a temporary file beside the target, is flushed to disk,
/// renamed over the old file, and the folder is flushed too: a crash at any point leaves either the old or the
/// new checkpoint, never a torn one.
/// </summary>
public static class CheckpointStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Loads a checkpoint, or returns <c>null</c> when the file does not exist.</summary>
    /// <exception cref="CheckpointException">The file is unreadable or of an unknown format.</exception>
    public static Checkpoint? Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var checkpoint = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(path), Json)
                ?? throw new CheckpointException($"Checkpoint '{path}' is empty.");
            if (checkpoint.Format != Checkpoint.CurrentFormat)
            {
                throw new CheckpointException($"Checkpoint '{path}' has format {checkpoint.Format}; this ferry reads format {Checkpoint.CurrentFormat}. Use --restart.");
            }

            return checkpoint;
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Checkpoint '{path}' is not readable ({e.Message}). Use --restart to start over.", e);
        }
    }

    /// <summary>Writes a checkpoint atomically (temp file, fsync, rename, fsync of the folder).</summary>
    public static void Save(string path, Checkpoint checkpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(checkpoint, Json);
        DurableFile.WriteAllBytesAtomic(path, bytes);
    }

    /// <summary>
    /// Serializes and parses a small checkpoint in memory, so the JSON metadata and the code behind it are built (and
    /// compiled) before a migration needs them: startup work a caller can move to an idle core.
    /// </summary>
    public static void WarmUp()
    {
        var checkpoint = new Checkpoint
        {
            Created = DateTimeOffset.UnixEpoch,
            Updated = DateTimeOffset.UnixEpoch,
            Partitions = [new PartitionCheckpoint { Id = "warm-up", Descriptor = "{}", ResumeToken = "0" }],
        };
        _ = JsonSerializer.Deserialize<Checkpoint>(JsonSerializer.SerializeToUtf8Bytes(checkpoint, Json), Json);
    }

    /// <summary>Deletes a checkpoint (for <c>--restart</c>).</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
            DurableFile.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }
}
