using System.Runtime.InteropServices;

namespace Ferry.Frame.Storage;

/// <summary>
/// Create-if-not-exists publication of a fully written file under its final name (format.md, section 5). On POSIX
/// systems a hard link: <c>link(2)</c> fails with <c>EEXIST</c> when the name is taken, and the new name appears with
/// the complete content in one step. .NET's <see cref="File.Move(string, string, bool)"/> is not used there because it
/// checks for the destination and then renames, which two writers can both pass. On Windows a non-replacing move is
/// atomic already.
/// </summary>
internal static partial class AtomicPublish
{
    private const int EEXIST = 17;

    /// <summary>Publishes <paramref name="tempPath"/> as <paramref name="finalPath"/>; false when the final name already exists.</summary>
    public static bool TryPublish(string tempPath, string finalPath)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                TryDelete(tempPath);
                return false;
            }
        }

        var result = Native.Link(tempPath, finalPath);
        var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        TryDelete(tempPath);
        if (result == 0)
        {
            return true;
        }

        // EEXIST is 17 on Linux and macOS alike.
        if (errno == EEXIST)
        {
            return false;
        }

        throw new IOException(
            $"Cannot publish '{finalPath}': link(2) failed with errno {errno}. The Frame commit protocol needs a file system with hard links (format.md, section 5).");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is garbage that cleanup removes; it is never read.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static partial class Native
    {
        [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int Link(string oldPath, string newPath);
    }
}
