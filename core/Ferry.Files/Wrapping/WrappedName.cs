using Ferry.Files.Compression;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Wrapping;

/// <summary>
/// A file name taken apart into the format name and its wrappers: <c>out.json.gz.enc</c> is <c>out.json</c>,
/// gzip-compressed, then encrypted. Compression always comes before encryption (encrypted data does not compress),
/// so <c>.enc</c> is the outermost suffix.
/// </summary>
/// <param name="BasePath">The path without wrapper suffixes (<c>dir/out.json</c>).</param>
/// <param name="Compression">The compression the suffix names.</param>
/// <param name="Encrypted">Whether the name ends in <c>.enc</c>.</param>
public sealed record WrappedName(string BasePath, CompressionKind Compression, bool Encrypted)
{
    /// <summary>The suffix of an encrypted file.</summary>
    public const string EncryptedSuffix = ".enc";

    /// <summary>The format extension of <see cref="BasePath"/>, lower case with the dot (<c>.json</c>), or empty.</summary>
    public string Extension => Path.GetExtension(BasePath).ToLowerInvariant();

    /// <summary><see cref="BasePath"/> without its format extension (<c>dir/out</c>).</summary>
    public string Stem => Extension.Length == 0 ? BasePath : BasePath[..^Extension.Length];

    /// <summary>The wrapper suffixes, e.g. <c>.gz.enc</c>.</summary>
    public string WrapperSuffix => SuffixOf(Compression) + (Encrypted ? EncryptedSuffix : string.Empty);

    /// <summary>Parses a path or file name.</summary>
    public static WrappedName Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rest = path;
        var encrypted = false;
        if (EndsWith(rest, EncryptedSuffix))
        {
            encrypted = true;
            rest = rest[..^EncryptedSuffix.Length];
        }

        var compression = CompressionKind.None;
        foreach (var (suffix, kind) in new[] { (".gz", CompressionKind.Gzip), (".gzip", CompressionKind.Gzip), (".br", CompressionKind.Brotli) })
        {
            if (EndsWith(rest, suffix))
            {
                compression = kind;
                rest = rest[..^suffix.Length];
                break;
            }
        }

        if (EndsWith(rest, EncryptedSuffix) || EndsWith(rest, ".gz") || EndsWith(rest, ".br") || EndsWith(rest, ".gzip"))
        {
            throw new ConnectorConfigurationException(
                $"'{Path.GetFileName(path)}' has its wrappers in an order Ferry does not write or read: a name ends with the format, then at most one compression suffix (.gz, .br), then .enc (compress before encrypting).");
        }

        return new WrappedName(rest, compression, encrypted);
    }

    /// <summary>The suffix of a compression kind (empty for none).</summary>
    public static string SuffixOf(CompressionKind compression) => compression switch
    {
        CompressionKind.Gzip => ".gz",
        CompressionKind.Brotli => ".br",
        _ => string.Empty,
    };

    private static bool EndsWith(string path, string suffix) =>
        path.Length > suffix.Length && path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
}
