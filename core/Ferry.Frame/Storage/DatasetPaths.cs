using System.Globalization;

namespace Ferry.Frame.Storage;

/// <summary>The directory layout of a dataset (format.md, section 1).</summary>
internal sealed class DatasetPaths
{
    public const string VersionsDirectory = "_versions";
    public const string DataDirectory = "data";
    public const string DeletionsDirectory = "_deletions";
    public const string IndicesDirectory = "_indices";
    public const string TempDirectory = ".tmp";
    public const string ManifestSuffix = ".manifest.json";

    public DatasetPaths(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Versions = Path.Combine(Root, VersionsDirectory);
        VersionsTemp = Path.Combine(Versions, TempDirectory);
        Data = Path.Combine(Root, DataDirectory);
        Deletions = Path.Combine(Root, DeletionsDirectory);
        Indices = Path.Combine(Root, IndicesDirectory);
    }

    public string Root { get; }

    public string Versions { get; }

    public string VersionsTemp { get; }

    public string Data { get; }

    public string Deletions { get; }

    public string Indices { get; }

    public string Manifest(long version) => Path.Combine(Versions, version.ToString(CultureInfo.InvariantCulture) + ManifestSuffix);

    /// <summary>The absolute path of a path relative to the root, as manifests store them (with <c>/</c>).</summary>
    public string Resolve(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string NewDataPath() => DataDirectory + "/" + Guid.NewGuid().ToString("N") + ".arrow";

    public static string NewDeletionPath(long fragmentId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{DeletionsDirectory}/{fragmentId}-{version}-{Guid.NewGuid():N}.arrow");

    public void EnsureDirectories()
    {
        Directory.CreateDirectory(VersionsTemp);
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Deletions);
    }

    /// <summary>The version number in a manifest file name, or -1 when the name is not one.</summary>
    public static long ParseManifestName(string fileName)
    {
        if (!fileName.EndsWith(ManifestSuffix, StringComparison.Ordinal))
        {
            return -1;
        }

        var digits = fileName.AsSpan(0, fileName.Length - ManifestSuffix.Length);
        if (digits.Length == 0 || digits[0] == '0')
        {
            return -1;
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
