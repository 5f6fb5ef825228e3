using Ferry.Frame.Manifests;
using Ferry.Frame.Storage;
using Ferry.Frame.Versioning;

namespace Ferry.Frame;

public sealed partial class FrameDataset
{
    /// <summary>Lists the committed versions that still exist, oldest first.</summary>
    public async ValueTask<IReadOnlyList<FrameVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var versions = new List<FrameVersion>();
        foreach (var number in _manifests.ListVersions())
        {
            Manifest manifest;
            try
            {
                manifest = await _manifests.ReadAsync(number, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameVersionNotFoundException)
            {
                continue; // Removed by a concurrent cleanup.
            }

            versions.Add(new FrameVersion(manifest.Version, manifest.ParentVersion, manifest.Timestamp, manifest.Operation.Type, manifest.Rows, manifest.Fragments.Count)
            {
                RollbackTo = manifest.Operation.RollbackTo,
            });
        }

        return versions;
    }

    /// <summary>
    /// Rewrites small and deletion-heavy fragments into larger ones as a new version with the same records. Returns
    /// <c>null</c> when there is nothing to compact. Throws <see cref="FrameCommitConflictException"/> when a concurrent
    /// commit changed a fragment it rewrote (run it again).
    /// </summary>
    public async ValueTask<FrameCommit?> CompactAsync(FrameCompactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FrameCompactionOptions.Default;
        options.Validate();
        var operation = new CompactOperation(options);
        try
        {
            return await CommitAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (NothingToCompactException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes versions older than the retention (never the latest) and then the files no remaining version references
    /// that are older than the retention (format.md, section 8).
    /// </summary>
    public async ValueTask<FrameCleanupResult> CleanupAsync(FrameCleanupOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (IsReadOnly)
        {
            throw new InvalidOperationException("A handle opened at a fixed version cannot clean up.");
        }

        options ??= FrameCleanupOptions.Default;
        options.Validate();
        var now = _options.TimeProvider.GetUtcNow();
        var cutoff = now - options.OlderThan;
        var keep = new HashSet<long>(options.KeepVersions);
        var versions = _manifests.ListVersions();
        var latest = versions.Count == 0 ? 0 : versions[^1];
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var removedVersions = new List<long>();
        foreach (var number in versions)
        {
            Manifest manifest;
            try
            {
                manifest = await _manifests.ReadAsync(number, cancellationToken).ConfigureAwait(false);
            }
            catch (FrameVersionNotFoundException)
            {
                continue;
            }

            if (number != latest && number != Version && !keep.Contains(number) && manifest.Timestamp < cutoff)
            {
                File.Delete(_manifests.Paths.Manifest(number));
                removedVersions.Add(number);
                continue;
            }

            foreach (var fragment in manifest.Fragments)
            {
                referenced.Add(fragment.Path);
                if (fragment.Deletion is not null)
                {
                    referenced.Add(fragment.Deletion.Path);
                }
            }

            foreach (var index in manifest.Indices)
            {
                referenced.Add(index.Path);
            }
        }

        // A commit newer than our listing may reference files we did not see: only old files are removed.
        var files = 0;
        long bytes = 0;
        var paths = _manifests.Paths;
        foreach (var directory in new[] { paths.Data, paths.Deletions, paths.Indices, paths.VersionsTemp })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                var relative = System.IO.Path.GetRelativePath(paths.Root, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
                if (IsReferenced(relative, referenced))
                {
                    continue;
                }

                var info = new FileInfo(file);
                if (info.LastWriteTimeUtc > cutoff.UtcDateTime)
                {
                    continue;
                }

                var size = info.Length;
                try
                {
                    info.Delete();
                    files++;
                    bytes += size;
                }
                catch (IOException)
                {
                }
            }
        }

        return new FrameCleanupResult(removedVersions, files, bytes);
    }

    /// <summary>
    /// Checks every file of this version against its manifest entry (size and CRC-32C checksum); throws
    /// <see cref="FrameFormatException"/> naming the first file that differs.
    /// </summary>
    public async ValueTask VerifyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        foreach (var fragment in _manifest.Fragments)
        {
            await VerifyFileAsync(fragment.Path, fragment.Bytes, fragment.Checksum, cancellationToken).ConfigureAwait(false);
            if (fragment.Deletion is { } deletion)
            {
                await VerifyFileAsync(deletion.Path, deletion.Bytes, deletion.Checksum, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsReferenced(string relative, HashSet<string> referenced)
    {
        if (referenced.Contains(relative))
        {
            return true;
        }

        // An index path may name a directory: everything under it belongs to the index.
        foreach (var path in referenced)
        {
            if (relative.StartsWith(path + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask VerifyFileAsync(string relative, long expectedBytes, string expectedChecksum, CancellationToken cancellationToken)
    {
        var path = _manifests.Paths.Resolve(relative);
        var crc = new Crc32C();
        long length = 0;
        var buffer = new byte[1 << 20];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                length += read;
            }
        }

        if (length != expectedBytes)
        {
            throw new FrameFormatException($"'{relative}' has {length} bytes; version {Version} says {expectedBytes}.");
        }

        if (!string.Equals(crc.ToManifestString(), expectedChecksum, StringComparison.Ordinal))
        {
            throw new FrameFormatException($"'{relative}' has checksum {crc.ToManifestString()}; version {Version} says {expectedChecksum}. The file is corrupt.");
        }
    }
}
