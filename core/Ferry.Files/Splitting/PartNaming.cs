using System.Globalization;
using Ferry.Files.Wrapping;

namespace Ferry.Files.Splitting;

/// <summary>
/// Names of the files of a split output. For the target <c>dir/out.json.gz</c>: parts
/// <c>dir/out.part-00001.json.gz</c>, <c>dir/out.part-00002.json.gz</c>, … and the manifest
/// <c>dir/out.manifest.json</c>. Numbers have at least five digits and grow when needed.
/// </summary>
public sealed class PartNaming
{
    /// <summary>The ending of a manifest file.</summary>
    public const string ManifestSuffix = ".manifest.json";

    private readonly WrappedName _name;

    /// <summary>Creates the naming for a target path.</summary>
    public PartNaming(string targetPath)
    {
        ArgumentNullException.ThrowIfNull(targetPath);
        TargetPath = targetPath;
        _name = WrappedName.Parse(targetPath);
    }

    /// <summary>The target as the user named it.</summary>
    public string TargetPath { get; }

    /// <summary>The folder the files go to.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(TargetPath)) ?? ".";

    /// <summary>The file name of the stem that parts and manifest share (<c>out</c> for <c>dir/out.json.gz</c>).</summary>
    public string StemFileName => Path.GetFileName(_name.Stem);

    /// <summary>The manifest's path.</summary>
    public string ManifestPath => _name.Stem + ManifestSuffix;

    /// <summary>The file name (no folder) of part <paramref name="number"/> (1-based).</summary>
    public string PartFileName(int number) =>
        StemFileName + ".part-" + number.ToString("D5", CultureInfo.InvariantCulture) + _name.Extension + _name.WrapperSuffix;

    /// <summary>The full path of a part file name listed in the manifest.</summary>
    public string PathOf(string partFileName) => Path.Combine(Directory, partFileName);

    /// <summary>Whether a path names a manifest.</summary>
    public static bool IsManifest(string path) => path.EndsWith(ManifestSuffix, StringComparison.OrdinalIgnoreCase);
}
