using System.Runtime.CompilerServices;

namespace Ferry.Frame.Tests.Support;

/// <summary>Locates the repository from this source file (build output lives elsewhere).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Interop => Path.Combine(Root, "tests", "interop");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        var dir = Path.GetDirectoryName(sourceFile);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Microkernel.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Cannot find the repository root (Microkernel.sln) above " + sourceFile);
    }
}
