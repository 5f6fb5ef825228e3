namespace Ferry.Files.Streams;

/// <summary>Replaces a small file atomically: write a temporary file beside it, sync it, rename it over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> so that readers see the old or the new file, never a mix.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/> (replacing it).</summary>
    public static void Replace(string from, string to) => File.Move(from, to, overwrite: true);

    /// <summary>Deletes a file if it exists, ignoring a file that disappeared meanwhile.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is harmless.
        }
    }
}
