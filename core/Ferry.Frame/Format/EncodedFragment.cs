using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>A batch of records turned into one fragment's columns, with the schema facts the manifest needs.</summary>
internal sealed class EncodedFragment
{
    public required RecordBatch Batch { get; init; }

    /// <summary>The ids in row order.</summary>
    public required string[] Ids { get; init; }

    /// <summary>The dense vector fields the fragment has, with their dimensions.</summary>
    public required Dictionary<string, int> VectorDimensions { get; init; }

    public required List<string> SparseNames { get; init; }

    /// <summary>Per metadata key: the one kind all its non-null values have (<see cref="MetadataKind.Null"/> when all are null), or null when kinds vary.</summary>
    public required Dictionary<string, (MetadataKind? Kind, MetadataKind? ItemKind)> MetadataKinds { get; init; }

    public bool HasText { get; init; }

    public bool HasTitle { get; init; }

    /// <summary>UTF-8 bytes in the top-level string columns (what <see cref="FrameDatasetOptions.MaxStringBytesPerFragment"/> bounds).</summary>
    public long StringBytes
    {
        get
        {
            long bytes = 0;
            foreach (var column in Batch.Columns)
            {
                if (column is BinaryArray binary)
                {
                    bytes += binary.DataBuffer.Length;
                }
            }

            return bytes;
        }
    }

    /// <summary>
    /// Joins fragments of one schema, in order, into one whose columns live in <paramref name="arena"/>: the same rows
    /// and schema facts as encoding all their records at once would give (metadata kinds merge as across fragments).
    /// </summary>
    /// <exception cref="ArgumentException">The parts' schemas differ.</exception>
    public static EncodedFragment Concatenate(IReadOnlyList<EncodedFragment> parts, NativeArena arena)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var schema = first.Batch.Schema;
        var rows = 0;
        foreach (var part in parts)
        {
            if (!part.Batch.Schema.Equals(schema))
            {
                throw new ArgumentException("Only fragments of one schema can be joined.", nameof(parts));
            }

            rows += part.Batch.Length;
        }

        var columns = new ArrowArray[schema.Fields.Count];
        var column = new ArrowArray[parts.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var p = 0; p < parts.Count; p++)
            {
                column[p] = parts[p].Batch.Column(c);
            }

            columns[c] = ArrowArray.Concatenate(column, length => arena.Allocate(length));
        }

        var ids = new string[rows];
        var at = 0;
        var kinds = new Dictionary<string, (MetadataKind? Kind, MetadataKind? ItemKind)>(first.MetadataKinds, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            part.Ids.CopyTo(ids, at);
            at += part.Ids.Length;
            if (!ReferenceEquals(part, first))
            {
                foreach (var (key, next) in part.MetadataKinds)
                {
                    kinds[key] = kinds.TryGetValue(key, out var current) ? FragmentEncoder.MergeKinds(current, next) : next;
                }
            }
        }

        return new EncodedFragment
        {
            Batch = new RecordBatch(schema, columns, rows),
            Ids = ids,
            VectorDimensions = first.VectorDimensions,
            SparseNames = first.SparseNames,
            MetadataKinds = kinds,
            HasText = parts.Any(p => p.HasText),
            HasTitle = parts.Any(p => p.HasTitle),
        };
    }
}
