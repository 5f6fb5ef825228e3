using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>The folder source's location and options (documented in docs/from-filesystem.md), validated.</summary>
internal sealed class FolderOptions
{
    /// <summary>Files larger than this are not read for text (10 MiB).</summary>
    public const long DefaultMaxTextBytes = 10L * 1024 * 1024;

    /// <summary>Folders left out unless <c>default_excludes=false</c>: version control, build output, packages.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludePatterns = ["**/.git/**", "**/bin/**", "**/obj/**", "**/node_modules/**"];

    /// <summary>The option names the source knows; any other is an error, so a typo never goes unnoticed.</summary>
    public static readonly IReadOnlyList<string> KnownOptions = ["include", "exclude", "default_excludes", "dedupe", "max_text_bytes", "hierarchy"];

    private FolderOptions(string root, GlobSet include, GlobSet exclude, DedupeMode dedupe, long maxTextBytes, bool hierarchy)
    {
        Root = root;
        Include = include;
        Exclude = exclude;
        Dedupe = dedupe;
        MaxTextBytes = maxTextBytes;
        Hierarchy = hierarchy;
    }

    /// <summary>The absolute path of the folder, without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>Files must match one of these (all files when empty).</summary>
    public GlobSet Include { get; }

    /// <summary>Files and folders matching one of these are left out (the user's patterns plus the defaults).</summary>
    public GlobSet Exclude { get; }

    public DedupeMode Dedupe { get; }

    public long MaxTextBytes { get; }

    /// <summary>Whether folders become collection_header records with member_of links.</summary>
    public bool Hierarchy { get; }

    public static FolderOptions From(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in context.Options.Values.Keys)
        {
            if (!KnownOptions.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConnectorConfigurationException($"Unknown option '{key}' for the folder source. Known: {string.Join(", ", KnownOptions)}.");
            }
        }

        var root = RootOf(context.Location);
        var include = Globs(context.Options.Get("include"), "include");
        var patterns = new List<Glob>(Globs(context.Options.Get("exclude"), "exclude").Globs);
        if (context.Options.GetBoolean("default_excludes", true))
        {
            foreach (var pattern in DefaultExcludePatterns)
            {
                patterns.Add(Glob.Parse(pattern));
            }
        }

        var dedupe = context.Options.Get("dedupe")?.Trim().ToUpperInvariant() switch
        {
            null or "TRUE" or "YES" or "ON" or "1" or "LINK" => DedupeMode.Link,
            "FALSE" or "NO" or "OFF" or "0" => DedupeMode.Off,
            "SKIP" => DedupeMode.Skip,
            _ => throw new ConnectorConfigurationException($"Option 'dedupe' must be true (link duplicates), skip or false, got '{context.Options.Get("dedupe")}'."),
        };
        var maxText = context.Options.Get("max_text_bytes") is { } text ? ParseSize(text) : DefaultMaxTextBytes;
        return new FolderOptions(root, include, new GlobSet(patterns), dedupe, maxText, context.Options.GetBoolean("hierarchy", true));
    }

    /// <summary>The folder of a location: a path, <c>folder:///abs/path</c>, <c>folder://relative/path</c> or <c>file:///abs/path</c>.</summary>
    public static string RootOf(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var path = location;
        foreach (var scheme in (string[])["folder://", "file://"])
        {
            if (path.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                path = Uri.UnescapeDataString(path[scheme.Length..]);
                break;
            }
        }

        if (path.Length == 0)
        {
            throw new ConnectorConfigurationException($"'{location}' names no folder.");
        }

        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new ConnectorConfigurationException(File.Exists(full)
                ? $"'{location}' is a file, not a folder."
                : $"Folder '{full}' does not exist.");
        }

        return Path.TrimEndingDirectorySeparator(full);
    }

    private static GlobSet Globs(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return GlobSet.Empty;
        }

        var globs = new List<Glob>();
        foreach (var pattern in GlobSet.Split(value))
        {
            try
            {
                globs.Add(Glob.Parse(pattern));
            }
            catch (FormatException e)
            {
                throw new ConnectorConfigurationException($"Option '{option}': {e.Message}", e);
            }
        }

        return new GlobSet(globs);
    }

    /// <summary>A size: a number of bytes with an optional unit (KB, MB, GB powers of 1000; KiB, MiB, GiB or K, M, G powers of 1024).</summary>
    private static long ParseSize(string text)
    {
        var trimmed = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        (string Suffix, long Factor)[] units = [("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("k", 1L << 10), ("m", 1L << 20), ("g", 1L << 30), ("b", 1)];
        foreach (var (suffix, factor) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && decimal.TryParse(trimmed[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return Capped(value > Array.MaxLength ? decimal.MaxValue : Math.Floor(value * factor), text);
            }
        }

        return decimal.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var plain)
            ? Capped(plain, text)
            : throw new ConnectorConfigurationException($"Option 'max_text_bytes' must be a size such as 10MiB, 512KB or 1048576, got '{text}'.");
    }

    /// <summary>Text is read whole into one array, so the limit cannot exceed the largest array.</summary>
    private static long Capped(decimal bytes, string text) =>
        bytes <= Array.MaxLength
            ? (long)bytes
            : throw new ConnectorConfigurationException($"Option 'max_text_bytes' must be at most {Array.MaxLength} bytes (about 2 GiB), got '{text}'.");
}
