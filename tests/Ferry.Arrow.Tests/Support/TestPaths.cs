using System.Runtime.CompilerServices;

namespace Ferry.Arrow.Tests.Support;

/// <summary>Locates the repository (from this source file, since build output may live elsewhere).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The Arrow gold files: <c>&lt;repo&gt;/../shared/conformance/arrow/1.0.0-littleendian</c>.</summary>
    public static string ArrowConformance => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "arrow", "1.0.0-littleendian"));

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
