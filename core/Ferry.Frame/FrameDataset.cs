using Ferry.Frame.Fragments;
using Ferry.Frame.Indexing;
using Ferry.Frame.Manifests;
using Ferry.Frame.Storage;
using Ferry.Sdk.Schema;

namespace Ferry.Frame;

/// <summary>
/// A Frame dataset: a directory of Arrow IPC fragments and one manifest per committed version (docs/format.md).
/// A handle reads one version (a consistent snapshot). Opened at the latest version it can also write: every write
/// commits a new version on top of the latest one (rebasing over other writers' commits, see format.md section 6)
/// and the handle moves to it. Opened at a fixed version it is read-only. Thread-safe: writes through one handle
/// are serialized, reads run concurrently with them on the snapshot they started with.
/// </summary>
public sealed partial class FrameDataset : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _indexLock = new();
    private readonly IdIndex _index = new();
    private readonly ManifestStore _manifests;
    private readonly FragmentStore _store;
    private readonly FrameDatasetOptions _options;
    private Manifest _manifest;
    private bool _disposed;

    private FrameDataset(DatasetPaths paths, Manifest manifest, FrameDatasetOptions options, bool readOnly)
    {
        _manifests = new ManifestStore(paths);
        _store = new FragmentStore(paths, options);
        _options = options;
        _manifest = manifest;
        IsReadOnly = readOnly;
    }

    /// <summary>The dataset directory (absolute).</summary>
    public string Path => _manifests.Paths.Root;

    /// <summary>The version this handle reads.</summary>
    public long Version => _manifest.Version;

    /// <summary>When the version this handle reads was committed.</summary>
    public DateTimeOffset Timestamp => _manifest.Timestamp;

    /// <summary>True when the handle was opened at a fixed version: it reads that version and refuses writes.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The schema of this version: vector fields (dimension, metric), sparse fields, metadata keys and kinds, and the row count.</summary>
    public DatasetSchema Schema
    {
        get
        {
            var manifest = _manifest;
            return manifest.Schema.ToDatasetSchema(manifest.Rows);
        }
    }

    /// <summary>Live rows in this version (read from the manifest, no scan).</summary>
    public long Count => _manifest.Rows;

    /// <summary>Number of fragment files in this version.</summary>
    public int FragmentCount => _manifest.Fragments.Count;

    internal Manifest Manifest => _manifest;

    internal FragmentStore Store => _store;

    internal FrameDatasetOptions Options => _options;

    /// <summary>
    /// Builds, in memory, what the first commit and open of any dataset would build first (the manifest's JSON metadata
    /// and the code behind it), touching no file. A host calls it on an idle core at startup, so a run's first commit does
    /// not wait for it.
    /// </summary>
    public static void WarmUp() => ManifestStore.WarmUp();

    /// <summary>True when <paramref name="path"/> holds a Frame dataset (at least one committed version).</summary>
    public static bool Exists(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ManifestStore(new DatasetPaths(path)).LatestVersion() > 0;
    }

    /// <summary>
    /// Creates a new, empty dataset (version 1) with the given vector fields, sparse fields and properties.
    /// Throws <see cref="FrameException"/> when a dataset already exists there (also when another process creates it first).
    /// </summary>
    public static async ValueTask<FrameDataset> CreateAsync(string path, DatasetSchema schema, FrameDatasetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= FrameDatasetOptions.Default;
        options.Validate();
        var paths = new DatasetPaths(path);
        var manifests = new ManifestStore(paths);
        if (manifests.LatestVersion() > 0)
        {
            throw new FrameException($"A Frame dataset already exists at '{paths.Root}'.");
        }

        paths.EnsureDirectories();
        var manifest = new Manifest
        {
            Version = 1,
            ParentVersion = 0,
            Timestamp = options.TimeProvider.GetUtcNow(),
            Operation = new OperationEntry { Type = OperationTypes.Create },
            Schema = SchemaEntry.FromDatasetSchema(schema),
        };
        if (!await manifests.TryPublishAsync(manifest, null, cancellationToken).ConfigureAwait(false))
        {
            throw new FrameException($"A Frame dataset was created at '{paths.Root}' by another writer at the same time.");
        }

        return new FrameDataset(paths, manifest, options, readOnly: false);
    }

    /// <summary>Opens the latest version of a dataset for reading and writing.</summary>
    /// <exception cref="FrameVersionNotFoundException">No dataset exists at <paramref name="path"/>.</exception>
    public static async ValueTask<FrameDataset> OpenAsync(string path, FrameDatasetOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FrameDatasetOptions.Default;
        options.Validate();
        var paths = new DatasetPaths(path);
        var manifests = new ManifestStore(paths);
        var manifest = await ReadLatestAsync(manifests, cancellationToken).ConfigureAwait(false);
        return new FrameDataset(paths, manifest, options, readOnly: false);
    }

    /// <summary>Opens version <paramref name="version"/> of a dataset, read-only (time travel).</summary>
    /// <exception cref="FrameVersionNotFoundException">The version does not exist or was cleaned up.</exception>
    public static async ValueTask<FrameDataset> OpenAsync(string path, long version, FrameDatasetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        options ??= FrameDatasetOptions.Default;
        options.Validate();
        var paths = new DatasetPaths(path);
        var manifest = await new ManifestStore(paths).ReadAsync(version, cancellationToken).ConfigureAwait(false);
        return new FrameDataset(paths, manifest, options, readOnly: true);
    }

    /// <summary>Opens the latest version, or creates the dataset with <paramref name="schema"/> when none exists (racing creators are safe).</summary>
    public static async ValueTask<FrameDataset> OpenOrCreateAsync(string path, DatasetSchema schema, FrameDatasetOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!Exists(path))
        {
            try
            {
                return await CreateAsync(path, schema, options, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameException) when (Exists(path))
            {
                // Another writer created it first: open theirs.
            }
        }

        return await OpenAsync(path, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a writable handle to the latest committed version; returns true when it changed.</summary>
    public async ValueTask<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (IsReadOnly)
        {
            return false;
        }

        var latest = await ReadLatestAsync(_manifests, cancellationToken).ConfigureAwait(false);
        if (latest.Version == _manifest.Version)
        {
            return false;
        }

        _manifest = latest;
        return true;
    }

    /// <summary>Closes the open fragments.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the open fragments.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _store.Dispose();
        _writeLock.Dispose();
    }

    internal static async ValueTask<Manifest> ReadLatestAsync(ManifestStore manifests, CancellationToken cancellationToken)
    {
        // A version found in the listing can vanish only through cleanup, which never removes the latest; retry once
        // in case a newer version appeared and an old one was cleaned between listing and reading.
        for (var attempt = 0; ; attempt++)
        {
            var latest = manifests.LatestVersion();
            if (latest == 0)
            {
                throw new FrameVersionNotFoundException($"'{manifests.Paths.Root}' is not a Frame dataset (no committed version).");
            }

            try
            {
                return await manifests.ReadAsync(latest, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameVersionNotFoundException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The id index moved to <paramref name="manifest"/>; callers hold <see cref="_indexLock"/>.</summary>
    internal IdIndex IndexAt(Manifest manifest, IReadOnlyDictionary<long, string[]>? knownIds = null)
    {
        _index.AdvanceTo(manifest, _store, knownIds);
        return _index;
    }

    internal Lock IndexLock => _indexLock;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
