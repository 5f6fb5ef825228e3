using Ferry.Sdk.Connectors;

namespace Ferry.Core.Catalog;

/// <summary>
/// All sources, sinks and transformers the host knows, from built-in assemblies and plugins, keyed by
/// name, URI scheme and file extension. Resolution: a location with a URI scheme (other than
/// <c>file</c>) picks by scheme; a path picks by its longest known ending after compression and
/// encryption suffixes are stripped; an explicit format picks by name or extension.
/// </summary>
public sealed class ConnectorCatalog
{
    /// <summary>Suffixes that wrap a format rather than name one (compression, encryption); stripped before matching.</summary>
    public static IReadOnlyList<string> WrapperSuffixes { get; } = [".gz", ".gzip", ".br", ".enc"];

    private readonly List<ConnectorDescriptor> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Every registered entry.</summary>
    public IReadOnlyList<ConnectorDescriptor> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>
    /// Registers a factory. Throws <see cref="ConnectorResolutionException"/> when another entry of the same kind
    /// already has the name, a scheme or an extension (the first registration wins; the caller reports the refusal).
    /// </summary>
    public ConnectorDescriptor Register(object factory, ConnectorExportAttribute export, string origin)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(export);
        var kind = factory switch
        {
            SourceFactory => ConnectorKind.Source,
            SinkFactory => ConnectorKind.Sink,
            TransformerFactory => ConnectorKind.Transformer,
            _ => throw new ArgumentException($"{factory.GetType().FullName} is not a source, sink or transformer factory.", nameof(factory)),
        };
        var descriptor = new ConnectorDescriptor(
            kind,
            export.Name,
            export.Schemes.Select(s => s.ToLowerInvariant().TrimEnd(':', '/')).ToArray(),
            export.Extensions.Select(NormalizeExtension).ToArray(),
            export.Description,
            origin,
            factory);
        lock (_gate)
        {
            foreach (var existing in _entries)
            {
                if (existing.Kind != kind)
                {
                    continue;
                }

                var clash = string.Equals(existing.Name, descriptor.Name, StringComparison.OrdinalIgnoreCase) ? $"name '{descriptor.Name}'"
                    : existing.Schemes.Intersect(descriptor.Schemes).FirstOrDefault() is { } scheme ? $"scheme '{scheme}'"
                    : existing.Extensions.Intersect(descriptor.Extensions).FirstOrDefault() is { } ext ? $"extension '{ext}'"
                    : null;
                if (clash is not null)
                {
                    throw new ConnectorResolutionException(
                        $"{kind} '{descriptor.Name}' from {origin} is refused: {clash} is already provided by {existing.Origin} ('{existing.Name}').");
                }
            }

            _entries.Add(descriptor);
        }

        return descriptor;
    }

    /// <summary>Finds the source for a location (or an explicit format name/extension).</summary>
    public SourceFactory ResolveSource(string location, string? format = null) =>
        (SourceFactory)Resolve(ConnectorKind.Source, location, format).Factory;

    /// <summary>Finds the sink for a location (or an explicit format name/extension).</summary>
    public SinkFactory ResolveSink(string location, string? format = null) =>
        (SinkFactory)Resolve(ConnectorKind.Sink, location, format).Factory;

    /// <summary>
    /// Finds a transformer by name or, for a configuration file (<c>--transform ./mapping.yaml</c>), by the longest
    /// file ending a transformer declares; the factory then gets the file as its location.
    /// </summary>
    public TransformerFactory GetTransformer(string name)
    {
        var transformers = Entries.Where(e => e.Kind == ConnectorKind.Transformer).ToArray();
        var match = transformers.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var fileName = Path.GetFileName(name).ToLowerInvariant();
            var bestLength = 0;
            foreach (var entry in transformers)
            {
                foreach (var extension in entry.Extensions)
                {
                    if (extension.Length > bestLength && extension != "/" && fileName.EndsWith(extension, StringComparison.Ordinal))
                    {
                        match = entry;
                        bestLength = extension.Length;
                    }
                }
            }
        }

        return match is null
            ? throw new ConnectorResolutionException($"No transformer named '{name}', and no transformer reads files like it. Known: {Known(ConnectorKind.Transformer)}.")
            : (TransformerFactory)match.Factory;
    }

    /// <summary>Finds the entry of a kind for a location (or an explicit format name/extension).</summary>
    public ConnectorDescriptor Resolve(ConnectorKind kind, string location, string? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var entries = Entries.Where(e => e.Kind == kind).ToArray();
        if (!string.IsNullOrEmpty(format))
        {
            var wanted = format.StartsWith('.') ? format.ToLowerInvariant() : "." + format.ToLowerInvariant();
            var byFormat = entries.FirstOrDefault(e => string.Equals(e.Name, format, StringComparison.OrdinalIgnoreCase))
                ?? entries.FirstOrDefault(e => e.Extensions.Contains(wanted));
            return byFormat ?? throw new ConnectorResolutionException($"No {Lower(kind)} handles format '{format}'. Known: {Known(kind)}.");
        }

        var scheme = SchemeOf(location);
        if (scheme is not null)
        {
            return entries.FirstOrDefault(e => e.Schemes.Contains(scheme))
                ?? throw new ConnectorResolutionException($"No {Lower(kind)} handles '{scheme}://' locations ('{location}'). Known: {Known(kind)}.");
        }

        var name = StripWrappers(Path.GetFileName(location.TrimEnd('/', Path.DirectorySeparatorChar)).ToLowerInvariant());
        ConnectorDescriptor? best = null;
        var bestLength = 0;
        foreach (var entry in entries)
        {
            foreach (var extension in entry.Extensions)
            {
                if (extension.Length > bestLength && name.EndsWith(extension, StringComparison.Ordinal))
                {
                    best = entry;
                    bestLength = extension.Length;
                }
            }
        }

        if (best is not null)
        {
            return best;
        }

        if (Directory.Exists(location))
        {
            // A plain folder: the connector that declares the pseudo-extension "/" handles folders.
            var folder = entries.FirstOrDefault(e => e.Extensions.Contains("/"));
            if (folder is not null)
            {
                return folder;
            }
        }

        throw new ConnectorResolutionException(
            $"Cannot tell which {Lower(kind)} handles '{location}': no known URI scheme or file ending. Use {FormatOption(kind)} (format: in a job file), or one of: {Known(kind)}.");
    }

    /// <summary>The URI scheme of a location, or <c>null</c> for a file path (including <c>file://</c> and Windows drive letters).</summary>
    public static string? SchemeOf(string location)
    {
        var index = location.IndexOf("://", StringComparison.Ordinal);
        if (index <= 1)
        {
            return null;
        }

        var scheme = location[..index].ToLowerInvariant();
        return scheme == "file" ? null : scheme;
    }

    /// <summary>The file name with compression/encryption suffixes removed (e.g. <c>a.jsonl.gz.enc</c> → <c>a.jsonl</c>).</summary>
    public static string StripWrappers(string fileName)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var suffix in WrapperSuffixes)
            {
                if (fileName.Length > suffix.Length && fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    fileName = fileName[..^suffix.Length];
                    changed = true;
                }
            }
        }

        return fileName;
    }

    private static string NormalizeExtension(string extension)
    {
        var lower = extension.ToLowerInvariant();
        return lower == "/" || lower.StartsWith('.') ? lower : "." + lower;
    }

    private static string Lower(ConnectorKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The command-line option that names the connector of a location of this kind.</summary>
    private static string FormatOption(ConnectorKind kind) => kind == ConnectorKind.Sink ? "--to-format" : "--from-format";

    private string Known(ConnectorKind kind)
    {
        var names = Entries.Where(e => e.Kind == kind)
            .Select(e => e.Schemes.Count > 0 ? $"{e.Name} ({string.Join(", ", e.Schemes.Select(s => s + "://"))})" : $"{e.Name} ({string.Join(", ", e.Extensions)})")
            .ToArray();
        return names.Length == 0 ? "none" : string.Join("; ", names);
    }
}
