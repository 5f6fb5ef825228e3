using Ferry.Frame.Format;
using Ferry.Frame.Fragments;
using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Versioning;

/// <summary>The building blocks operations share: writing records as fragments, adding them to a manifest, deleting rows.</summary>
internal static class CommitSteps
{
    /// <summary>Encodes and writes the records as fragments of at most the configured size, in parallel when there are several.</summary>
    public static List<PreparedFragment> WriteRecords(CommitContext context, IReadOnlyList<Record> records, SchemaEntry schema, CancellationToken cancellationToken)
    {
        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vector in schema.Vectors)
        {
            dimensions[vector.Name] = vector.Dimension;
        }

        return WriteRecords(
            context.Store,
            context.Dataset.Options,
            records,
            dimensions,
            path =>
            {
                lock (context)
                {
                    // Recorded at once, so that a failure of another chunk still removes this file.
                    context.AddPreparedFile(path);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Encodes and writes the records as fragment files that no manifest names yet; <paramref name="written"/> hears of
    /// every file as soon as it exists (from several threads when the records make several fragments).
    /// </summary>
    public static List<PreparedFragment> WriteRecords(
        FragmentStore store,
        FrameDatasetOptions options,
        IReadOnlyList<Record> records,
        IReadOnlyDictionary<string, int> dimensions,
        Action<string> written,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var chunks = Split(records, options.MaxRowsPerFragment, options.MaxStringBytesPerFragment);
        var prepared = new PreparedFragment[chunks.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.MaxDegreeOfParallelism, chunks.Count), CancellationToken = cancellationToken };
        void Write(int i)
        {
            // The columns live in native memory only until the file is written.
            using var arena = new NativeArena();
            var encoded = FragmentEncoder.Encode(chunks[i], dimensions, arena);
            var entry = store.WriteFragment(encoded.Batch);
            written(entry.Path);
            prepared[i] = Prepared(entry, encoded);
        }

        if (chunks.Count == 1)
        {
            Write(0);
        }
        else
        {
            try
            {
                Parallel.For(0, chunks.Count, parallel, Write);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
            {
                // Surface the record error itself, as the single-chunk path does.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                throw;
            }
        }

        return [.. prepared];
    }

    /// <summary>
    /// Writes records already encoded part by part (<see cref="FragmentEncoder.Encode"/> per batch) as fragment files
    /// that no manifest names yet; <paramref name="written"/> hears of every file as soon as it exists. Parts of one
    /// schema are joined column by column into fragments of at most the configured rows and string bytes. When the parts'
    /// schemas differ (a field present in some batches only, a metadata key whose type varies between batches), their
    /// rows are decoded and encoded again together, so the fragments are the ones encoding all the records at once gives.
    /// </summary>
    public static List<PreparedFragment> WriteEncoded(
        FragmentStore store,
        FrameDatasetOptions options,
        IReadOnlyList<EncodedFragment> parts,
        Action<string> written,
        CancellationToken cancellationToken)
    {
        if (parts.Count == 0)
        {
            return [];
        }

        // A key some parts store tagged (its values varied there) is re-encoded tagged in the others, column by column;
        // only parts that still differ (a column only some have, say) are decoded into records and encoded together.
        using var retagArena = new NativeArena();
        var tagged = new HashSet<string>(parts.SelectMany(p => FragmentEncoder.TaggedKeys(p.Batch.Schema)), StringComparer.Ordinal);
        if (tagged.Count > 0)
        {
            parts = parts.Select(p => FragmentEncoder.Retag(p, tagged, retagArena)).ToList();
        }

        if (parts.Any(p => !p.Batch.Schema.Equals(parts[0].Batch.Schema)))
        {
            var records = new List<Record>();
            var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                var columns = new FragmentColumnSet(part.Batch);
                for (var row = 0; row < part.Batch.Length; row++)
                {
                    records.Add(columns.ReadRecord(row, RecordProjection.All));
                }

                foreach (var (name, dimension) in part.VectorDimensions)
                {
                    dimensions[name] = dimension;
                }
            }

            return WriteRecords(store, options, records, dimensions, written, cancellationToken);
        }

        var prepared = new List<PreparedFragment>();
        var group = new List<EncodedFragment>();
        long rows = 0;
        long stringBytes = 0;
        void WriteGroup()
        {
            if (group.Count == 0)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            using var arena = new NativeArena();
            var encoded = EncodedFragment.Concatenate(group, arena);
            var entry = store.WriteFragment(encoded.Batch);
            written(entry.Path);
            prepared.Add(Prepared(entry, encoded));
            group.Clear();
            rows = 0;
            stringBytes = 0;
        }

        foreach (var part in parts)
        {
            var partBytes = part.StringBytes;
            if (group.Count > 0 && (rows + part.Batch.Length > options.MaxRowsPerFragment || stringBytes + partBytes > options.MaxStringBytesPerFragment))
            {
                WriteGroup();
            }

            group.Add(part);
            rows += part.Batch.Length;
            stringBytes += partBytes;
        }

        WriteGroup();
        return prepared;
    }

    private static PreparedFragment Prepared(FragmentEntry entry, EncodedFragment encoded) => new()
    {
        Entry = entry,
        Ids = encoded.Ids,
        VectorDimensions = encoded.VectorDimensions,
        SparseNames = encoded.SparseNames,
        MetadataKinds = encoded.MetadataKinds,
        HasText = encoded.HasText,
        HasTitle = encoded.HasTitle,
    };

    /// <summary>Adds prepared fragments to the next manifest: fresh fragment ids, row counts and the schema facts.</summary>
    public static void AddFragments(CommitContext context, Manifest next, IReadOnlyList<PreparedFragment> fragments)
    {
        foreach (var fragment in fragments)
        {
            var id = next.NextFragmentId++;
            next.Fragments.Add(fragment.Entry with { Id = id });
            next.Rows += fragment.Entry.Rows;
            context.RowsAdded += fragment.Entry.Rows;
            context.NewFragmentIds[id] = fragment.Ids;
            MergeSchema(next.Schema, fragment);
        }
    }

    /// <summary>Marks rows deleted in the next manifest: new deletion files, or the fragment dropped when all its rows are gone.</summary>
    public static void DeleteRows(CommitContext context, Manifest next, Dictionary<long, List<int>> rowsByFragment)
    {
        if (rowsByFragment.Count == 0)
        {
            return;
        }

        for (var i = next.Fragments.Count - 1; i >= 0; i--)
        {
            var fragment = next.Fragments[i];
            if (!rowsByFragment.TryGetValue(fragment.Id, out var rows))
            {
                continue;
            }

            var before = context.Store.LoadDeletions(fragment);
            var after = before.Union(rows);
            var newlyDeleted = after.Count - before.Count;
            if (newlyDeleted == 0)
            {
                continue;
            }

            context.RowsDeleted += newlyDeleted;
            next.Rows -= newlyDeleted;
            if (after.Count == fragment.Rows)
            {
                next.Fragments.RemoveAt(i);
                continue;
            }

            var deletion = context.Store.WriteDeletions(fragment.Id, next.Version, after);
            context.AddAttemptFile(deletion.Path);
            next.Fragments[i] = fragment with { Deletion = deletion };
        }
    }

    /// <summary>Groups the live rows of the given ids in <paramref name="baseVersion"/> by fragment.</summary>
    public static Dictionary<long, List<int>> LocateIds(CommitContext context, Manifest baseVersion, IEnumerable<string> ids)
    {
        var index = context.IndexAt(baseVersion);
        var rows = new Dictionary<long, List<int>>();
        foreach (var id in ids)
        {
            if (index.TryGet(id, out var address))
            {
                if (!rows.TryGetValue(address.FragmentId, out var list))
                {
                    list = [];
                    rows[address.FragmentId] = list;
                }

                list.Add(address.Row);
            }
        }

        return rows;
    }

    public static void MergeSchema(SchemaEntry schema, PreparedFragment fragment)
    {
        foreach (var (name, dimension) in fragment.VectorDimensions)
        {
            var existing = schema.FindVector(name);
            if (existing is null)
            {
                schema.Vectors.Add(new VectorEntry(name, dimension, DistanceMetric.Cosine));
            }
            else if (existing.Dimension != dimension)
            {
                throw new FrameException($"Vector field '{name}' has dimension {existing.Dimension} in the dataset; the records written have {dimension}.");
            }
        }

        foreach (var name in fragment.SparseNames)
        {
            if (!schema.Sparse.Contains(name))
            {
                schema.Sparse.Add(name);
            }
        }

        foreach (var (key, (kind, itemKind)) in fragment.MetadataKinds)
        {
            var index = schema.Metadata.FindIndex(m => string.Equals(m.Name, key, StringComparison.Ordinal));
            if (index < 0)
            {
                schema.Metadata.Add(new MetadataEntry(key, kind) { ItemKind = itemKind });
                continue;
            }

            var existing = schema.Metadata[index];
            var (mergedKind, mergedItem) = FragmentEncoder.MergeKinds((existing.Kind, existing.ItemKind), (kind, itemKind));
            if (mergedKind != existing.Kind || mergedItem != existing.ItemKind)
            {
                schema.Metadata[index] = new MetadataEntry(key, mergedKind) { ItemKind = mergedItem };
            }
        }

        schema.HasText |= fragment.HasText;
        schema.HasTitle |= fragment.HasTitle;
    }

    private static List<IReadOnlyList<Record>> Split(IReadOnlyList<Record> records, int maxRows, long maxStringBytes)
    {
        var chunks = new List<IReadOnlyList<Record>>();
        var start = 0;
        long bytes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];

            // UTF-8 takes at most 3 bytes per UTF-16 char; counting that way keeps every string column under the limit.
            long size = 3L * (record.Id.Length + (record.Text?.Length ?? 0) + (record.Title?.Length ?? 0));
            if (i > start && (i - start >= maxRows || bytes + size > maxStringBytes))
            {
                chunks.Add(Slice(records, start, i - start));
                start = i;
                bytes = 0;
            }

            bytes += size;
        }

        if (records.Count > start)
        {
            chunks.Add(Slice(records, start, records.Count - start));
        }

        return chunks;
    }

    private static IReadOnlyList<Record> Slice(IReadOnlyList<Record> records, int start, int count)
    {
        if (start == 0 && count == records.Count)
        {
            return records;
        }

        var slice = new Record[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = records[start + i];
        }

        return slice;
    }
}
