using System.Text.Json;
using Ferry.Frame.Storage;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Manifests;

/// <summary>Lists, reads and publishes the manifests of one dataset (format.md, sections 3 and 5).</summary>
internal sealed class ManifestStore
{
    /// <summary>Reader features this implementation understands (format version 1 defines none).</summary>
    private static readonly HashSet<string> KnownReaderFeatures = new(StringComparer.Ordinal);

    /// <summary>Writer features this implementation understands.</summary>
    private static readonly HashSet<string> KnownWriterFeatures = new(StringComparer.Ordinal);

    public ManifestStore(DatasetPaths paths)
    {
        Paths = paths;
    }

    public DatasetPaths Paths { get; }

    /// <summary>All committed version numbers, ascending.</summary>
    public List<long> ListVersions()
    {
        var versions = new List<long>();
        if (!Directory.Exists(Paths.Versions))
        {
            return versions;
        }

        foreach (var path in Directory.EnumerateFiles(Paths.Versions))
        {
            var version = DatasetPaths.ParseManifestName(Path.GetFileName(path));
            if (version > 0)
            {
                versions.Add(version);
            }
        }

        versions.Sort();
        return versions;
    }

    /// <summary>The latest committed version, or 0 when there is none.</summary>
    public long LatestVersion()
    {
        long latest = 0;
        if (!Directory.Exists(Paths.Versions))
        {
            return 0;
        }

        foreach (var path in Directory.EnumerateFiles(Paths.Versions))
        {
            var version = DatasetPaths.ParseManifestName(Path.GetFileName(path));
            if (version > latest)
            {
                latest = version;
            }
        }

        return latest;
    }

    public async ValueTask<Manifest> ReadAsync(long version, CancellationToken cancellationToken)
    {
        var path = Paths.Manifest(version);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new FrameVersionNotFoundException($"Version {version} of dataset '{Paths.Root}' does not exist (never committed, or removed by cleanup).", version);
        }
        catch (DirectoryNotFoundException)
        {
            throw new FrameVersionNotFoundException($"'{Paths.Root}' is not a Frame dataset (no {DatasetPaths.VersionsDirectory} directory).", version);
        }

        return Parse(bytes, version);
    }

    /// <summary>
    /// Serializes and parses a small manifest, so the JSON metadata and the code behind it are built (and compiled) before
    /// a dataset needs them: startup work a caller can move to an idle core (see <see cref="FrameDataset.WarmUp"/>).
    /// </summary>
    internal static void WarmUp()
    {
        var manifest = new Manifest
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Schema = new SchemaEntry
            {
                Vectors = [new VectorEntry("default", 4, DistanceMetric.Cosine)],
                Metadata = [new MetadataEntry("key", MetadataKind.Integer) { ItemKind = MetadataKind.String }],
                Properties = { ["warm"] = "up" },
            },
            Fragments = [new FragmentEntry { Id = 1, Path = "data/1.arrow", Rows = 1, Bytes = 1, Checksum = "0", Deletion = new DeletionEntry() }],
            Indices = [new IndexEntry()],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.Manifest);
        _ = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.Manifest);
    }

    public Manifest Parse(byte[] bytes, long version)
    {
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.Manifest);
        }
        catch (JsonException ex)
        {
            throw new FrameFormatException($"The manifest of version {version} of '{Paths.Root}' is not valid JSON: {ex.Message}", ex);
        }

        if (manifest is null || !string.Equals(manifest.Format, Manifest.FormatName, StringComparison.Ordinal))
        {
            throw new FrameFormatException($"The manifest of version {version} of '{Paths.Root}' is not a Frame manifest.");
        }

        if (manifest.Version != version)
        {
            throw new FrameFormatException($"The manifest file of version {version} of '{Paths.Root}' says it is version {manifest.Version}.");
        }

        foreach (var feature in manifest.ReaderFeatures)
        {
            if (!KnownReaderFeatures.Contains(feature))
            {
                throw new FrameFormatException(
                    $"Version {version} of '{Paths.Root}' needs reader feature '{feature}', which this version of Ferry does not support. Upgrade Ferry to read it.");
            }
        }

        return manifest;
    }

    /// <summary>Throws when a writer feature of the manifest is unknown: committing on top of it could lose what it means.</summary>
    public void EnsureWritable(Manifest manifest)
    {
        foreach (var feature in manifest.WriterFeatures)
        {
            if (!KnownWriterFeatures.Contains(feature))
            {
                throw new FrameFormatException(
                    $"Version {manifest.Version} of '{Paths.Root}' needs writer feature '{feature}', which this version of Ferry does not support; it can read the dataset but not write it.");
            }
        }
    }

    /// <summary>
    /// Writes the manifest to a temporary file, flushes it, and publishes it under its version's name only if no
    /// other writer published that version first. Returns false on such a conflict.
    /// </summary>
    public async ValueTask<bool> TryPublishAsync(Manifest manifest, Action? beforePublish, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Paths.VersionsTemp);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.Manifest);
        var temp = Path.Combine(Paths.VersionsTemp, Guid.NewGuid().ToString("N") + ".json");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        beforePublish?.Invoke();
        return AtomicPublish.TryPublish(temp, Paths.Manifest(manifest.Version));
    }
}
