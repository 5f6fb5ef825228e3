using System.Runtime.CompilerServices;
using Ferry.Frame.Format;
using Ferry.Frame.Fragments;
using Ferry.Frame.Indexing;
using Ferry.Frame.Manifests;
using Ferry.Frame.Search;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Frame;

public sealed partial class FrameDataset
{
    private const int ScanSliceRows = 4096;

    /// <summary>Reads the records of this version in storage order (fragment by fragment), optionally filtered and projected.</summary>
    public async IAsyncEnumerable<Record> ScanAsync(FrameScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        options ??= FrameScanOptions.All;
        var manifest = _manifest;
        var projection = options.Columns is null ? RecordProjection.All : RecordProjection.Parse(options.Columns);
        var filter = options.Filter is null ? null : FilterEvaluator.Compile(options.Filter);
        foreach (var fragment in manifest.Fragments)
        {
            // A slice at a time, so a large fragment is never materialized as records all at once.
            var row = 0;
            while (row < fragment.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var records = ReadFragment(fragment, row, int.MaxValue, ScanSliceRows, filter, projection, out row);
                foreach (var record in records)
                {
                    yield return record;
                }

                await Task.Yield();
            }
        }
    }

    /// <summary>Reads the records with these ids, in the order asked; ids that do not exist are left out. Hash lookups, no scan.</summary>
    public async IAsyncEnumerable<Record> GetAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ThrowIfDisposed();
        var manifest = _manifest;
        var records = new Record?[ids.Count];
        VisitRows(manifest, Locate(manifest, ids), (position, columns, row) => records[position] = columns.ReadRecord(row, RecordProjection.All), cancellationToken);
        foreach (var record in records)
        {
            if (record is not null)
            {
                yield return record;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// The content checksums (<see cref="RecordChecksum"/>) of the records with these ids, keyed by id; ids that do not
    /// exist are left out. Each is hashed from the columns in place, so no record is built: what full validation reads back.
    /// </summary>
    public IReadOnlyDictionary<string, UInt128> GetChecksums(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ThrowIfDisposed();
        var manifest = _manifest;
        var found = new Dictionary<string, UInt128>(ids.Count, StringComparer.Ordinal);
        var builder = new RecordChecksumBuilder();
        VisitRows(manifest, Locate(manifest, ids), (position, columns, row) => found[ids[position]] = columns.Checksum(row, builder), cancellationToken);
        return found;
    }

    /// <summary>Where each id's live row is in <paramref name="manifest"/>'s version (null: no such id).</summary>
    private RowAddress?[] Locate(Manifest manifest, IReadOnlyList<string> ids)
    {
        var addresses = new RowAddress?[ids.Count];
        lock (_indexLock)
        {
            var index = IndexAt(manifest);
            for (var i = 0; i < ids.Count; i++)
            {
                addresses[i] = index.TryGet(ids[i], out var address) ? address : null;
            }
        }

        return addresses;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with (position asked, the fragment's columns, row) for every found address (null: not
    /// found), opening each fragment once: addresses are grouped by fragment.
    /// </summary>
    private void VisitRows(Manifest manifest, RowAddress?[] addresses, Action<int, FragmentColumnSet, int> visit, CancellationToken cancellationToken)
    {
        var fragments = new long[addresses.Length];
        var positions = new int[addresses.Length];
        var found = 0;
        for (var i = 0; i < addresses.Length; i++)
        {
            if (addresses[i] is { } address)
            {
                fragments[found] = address.FragmentId;
                positions[found++] = i;
            }
        }

        Array.Sort(fragments, positions, 0, found);
        var entries = new Dictionary<long, FragmentEntry>(manifest.Fragments.Count);
        foreach (var fragment in manifest.Fragments)
        {
            entries[fragment.Id] = fragment;
        }

        var start = 0;
        while (start < found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            while (end < found && fragments[end] == fragments[start])
            {
                end++;
            }

            using (var lease = _store.Open(entries[fragments[start]]))
            {
                var columns = lease.Reader.Columns;
                for (var k = start; k < end; k++)
                {
                    var position = positions[k];
                    visit(position, columns, addresses[position]!.Value.Row);
                }
            }

            start = end;
        }
    }

    /// <summary>Counts the records of this version matching the filter (all when <c>null</c>, from the manifest).</summary>
    public ValueTask<long> CountAsync(FilterExpression? filter = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var manifest = _manifest;
        if (filter is null)
        {
            return ValueTask.FromResult(manifest.Rows);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var selections = RowScanner.SelectAll(this, manifest, FilterEvaluator.Compile(filter), vectorName: null);
        long count = 0;
        foreach (var selection in selections)
        {
            count += RowScanner.Count(selection);
        }

        return ValueTask.FromResult(count);
    }

    /// <summary>
    /// Reads up to <paramref name="maxRecords"/> live, matching records of one fragment starting at row
    /// <paramref name="startRow"/> and below <paramref name="endRow"/>; <paramref name="nextRow"/> is where to continue.
    /// </summary>
    internal List<Record> ReadFragment(FragmentEntry fragment, int startRow, int endRow, int maxRecords, CompiledFilter? filter, RecordProjection projection, out int nextRow) =>
        ReadFragment(fragment, startRow, endRow, maxRecords, long.MaxValue, null, filter, projection, out nextRow);

    /// <summary>As above, and stops once the records' <paramref name="sizeOf"/> sum reaches <paramref name="maxBytes"/> (always at least one record).</summary>
    internal List<Record> ReadFragment(FragmentEntry fragment, int startRow, int endRow, int maxRecords, long maxBytes, Func<Record, long>? sizeOf, CompiledFilter? filter, RecordProjection projection, out int nextRow)
    {
        var deletions = _store.LoadDeletions(fragment);
        using var lease = _store.Open(fragment);
        var reader = lease.Reader;
        var end = Math.Min(endRow, reader.Rows);
        var filterRow = filter is null ? null : new FragmentFilterRow(filter, reader.Columns);
        var records = new List<Record>(Math.Min(maxRecords, Math.Max(0, end - startRow)));
        var r = startRow;
        long bytes = 0;
        for (; r < end && records.Count < maxRecords && bytes < maxBytes; r++)
        {
            if (deletions.IsDeleted(r))
            {
                continue;
            }

            if (filterRow is not null)
            {
                filterRow.Row = r;
                if (!filter!.Matches(filterRow))
                {
                    continue;
                }
            }

            var record = reader.Columns.ReadRecord(r, projection);
            records.Add(record);
            if (sizeOf is not null)
            {
                bytes += sizeOf(record);
            }
        }

        nextRow = r;
        return records;
    }
}
