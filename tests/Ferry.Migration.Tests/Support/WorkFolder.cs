namespace Ferry.Migration.Tests.Support;

/// <summary>A temporary working folder for one test (the ferry process runs in it; .ferry state lands in it).</summary>
internal sealed class WorkFolder : IDisposable
{
    public WorkFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ferry-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
