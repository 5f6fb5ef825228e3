namespace Ferry.Frame.Tests.Support;

/// <summary>
/// The test assembly's entry point. The test host never calls it; the crash tests start this assembly
/// (<c>dotnet Ferry.Frame.Tests.dll crash-writer …</c>) as a real child process and kill it mid-commit.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CrashWriter.Command)
        {
            return CrashWriter.Run(args);
        }

        if (args.Length > 0 && args[0] == UpsertLoopWriter.Command)
        {
            return UpsertLoopWriter.Run(args);
        }

        Console.Error.WriteLine("This is the Ferry.Frame test assembly; run it with 'dotnet test'.");
        return 2;
    }
}
