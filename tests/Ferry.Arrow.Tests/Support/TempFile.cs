namespace Ferry.Arrow.Tests.Support;

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".arrow") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ferry-arrow-" + Guid.NewGuid().ToString("N") + extension);

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A memory-mapped file may still be mapped on some platforms; the temp folder is cleaned anyway.
        }
    }
}
