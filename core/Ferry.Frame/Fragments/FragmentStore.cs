using System.Runtime.InteropServices;
using Ferry.Arrow;
using Ferry.Frame.Format;
using Ferry.Frame.Manifests;
using Ferry.Frame.Storage;

namespace Ferry.Frame.Fragments;

/// <summary>Writes and opens the immutable files of a dataset: fragments and deletion files (format.md, sections 2 and 4).</summary>
internal sealed partial class FragmentStore : IDisposable
{
    private const int CacheCapacity = 256;
    private readonly FragmentCache _cache = new(CacheCapacity);
    private readonly Lock _deletionsLock = new();
    private readonly Dictionary<string, DeletionSet> _deletions = new(StringComparer.Ordinal);

    public FragmentStore(DatasetPaths paths, FrameDatasetOptions options)
    {
        Paths = paths;
        Options = options;
    }

    public DatasetPaths Paths { get; }

    public FrameDatasetOptions Options { get; }

    /// <summary>Writes one fragment file and returns its manifest entry (id 0: the commit assigns ids).</summary>
    public FragmentEntry WriteFragment(RecordBatch batch)
    {
        var relative = DatasetPaths.NewDataPath();
        var (bytes, checksum) = WriteArrowFile(relative, batch);
        return new FragmentEntry { Path = relative, Rows = batch.Length, Bytes = bytes, Checksum = checksum };
    }

    /// <summary>Writes the deletion file of a fragment (all its deleted rows as of the version being committed).</summary>
    public DeletionEntry WriteDeletions(long fragmentId, long version, DeletionSet deletions)
    {
        var rows = deletions.ToRows();
        var bytes = new byte[rows.Length * sizeof(uint)];
        MemoryMarshal.AsBytes(rows.AsSpan()).CopyTo(bytes);
        var field = new Field(FrameColumns.DeletionRow, ArrowType.UInt32, nullable: false);
        var batch = new RecordBatch(new Schema([field], [new(FrameColumns.FormatVersionKey, "1")]), [new PrimitiveArray<uint>(ArrowType.UInt32, bytes, rows.Length)], rows.Length);
        var relative = DatasetPaths.NewDeletionPath(fragmentId, version);
        var (size, checksum) = WriteArrowFile(relative, batch);
        lock (_deletionsLock)
        {
            _deletions[relative] = deletions;
        }

        return new DeletionEntry { Path = relative, Rows = rows.Length, Bytes = size, Checksum = checksum };
    }

    /// <summary>The deleted rows of a fragment in the version the entry belongs to (cached by file).</summary>
    public DeletionSet LoadDeletions(FragmentEntry fragment)
    {
        if (fragment.Deletion is null)
        {
            return DeletionSet.Empty(checked((int)fragment.Rows));
        }

        var path = fragment.Deletion.Path;
        lock (_deletionsLock)
        {
            if (_deletions.TryGetValue(path, out var cached))
            {
                return cached;
            }
        }

        var set = ReadDeletionFile(fragment);
        lock (_deletionsLock)
        {
            _deletions[path] = set;
        }

        return set;
    }

    /// <summary>A lease on the open fragment; dispose it when done.</summary>
    public FragmentLease Open(FragmentEntry fragment) =>
        _cache.Acquire(fragment.Path, _ => OpenReader(fragment));

    /// <summary>Deletes files written by a commit that did not become visible (best effort: cleanup removes leftovers).</summary>
    public void DeleteQuietly(string relativePath)
    {
        try
        {
            File.Delete(Paths.Resolve(relativePath));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => _cache.Dispose();

    private (long Bytes, string Checksum) WriteArrowFile(string relative, RecordBatch batch)
    {
        using var stream = new ChecksumWriteStream(Paths.Resolve(relative));
        using (var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.Finish();
        }

        stream.Flush();
        if (Options.FlushToDisk)
        {
            stream.Commit();
        }

        return (stream.Length, stream.Checksum);
    }
}
