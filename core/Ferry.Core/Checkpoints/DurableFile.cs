using System.Runtime.InteropServices;

namespace Ferry.Core.Checkpoints;

/// <summary>Small helpers for files that must survive a crash: atomic replace, truncation, folder fsync.</summary>
public static class DurableFile
{
    /// <summary>Writes the bytes to a temp file beside <paramref name="path"/>, fsyncs it, renames it over the target and fsyncs the folder.</summary>
    public static void WriteAllBytesAtomic(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = full + $".tmp-{Environment.ProcessId}";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, full, overwrite: true);
        SyncDirectory(folder);
    }

    /// <summary>Cuts a file back to <paramref name="length"/> bytes when it is longer (a crash left entries past the last checkpoint).</summary>
    public static void TruncateTo(string path, long length)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        if (stream.Length > length)
        {
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Flushes a folder's entries (a rename is durable only once its folder is). Best effort: on systems where a
    /// folder cannot be opened this way the rename is still atomic, just not yet durable.
    /// </summary>
    public static void SyncDirectory(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        const int ReadOnly = 0;
        var fd = Open(folder, ReadOnly);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: these signatures need no marshalling code, and the project does not allow unsafe code.
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
