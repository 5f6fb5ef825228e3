using System.Runtime.InteropServices;
using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>
/// The columns of one fragment, resolved once by name (format.md, section 2.1), and the decoding of rows back into
/// records. Arrays point into the fragment's (memory-mapped) bytes; nothing is copied until a value is asked for.
/// </summary>
internal sealed class FragmentColumnSet
{
    private readonly Dictionary<string, FixedSizeListArray> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListArray> _sparse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetadataColumn> _metadata = new(StringComparer.Ordinal);
    private readonly List<MetadataColumn> _metadataOrder = [];
    private ChecksumOrder? _checksumOrder;

    public FragmentColumnSet(RecordBatch batch)
    {
        Length = batch.Length;
        var schema = batch.Schema;
        Id = Column<StringArray>(batch, FrameColumns.Id) ?? throw new FrameFormatException("A fragment has no 'id' column.");
        RecordType = Column<StringArray>(batch, FrameColumns.RecordType);
        Text = Column<StringArray>(batch, FrameColumns.Text);
        Title = Column<StringArray>(batch, FrameColumns.Title);
        Collection = Column<StringArray>(batch, FrameColumns.Collection);
        Source = Column<StructArray>(batch, FrameColumns.Source);
        Relationships = Column<ListArray>(batch, FrameColumns.Relationships);

        var nulls = new Dictionary<string, BooleanArray>(StringComparer.Ordinal);
        var offsets = new Dictionary<string, PrimitiveArray<short>>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var name = schema.Fields[i].Name;
            if (name.StartsWith(FrameColumns.MetadataNullPrefix, StringComparison.Ordinal))
            {
                nulls[name[FrameColumns.MetadataNullPrefix.Length..]] = (BooleanArray)batch.Column(i);
            }
            else if (name.StartsWith(FrameColumns.MetadataOffsetPrefix, StringComparison.Ordinal))
            {
                offsets[name[FrameColumns.MetadataOffsetPrefix.Length..]] = (PrimitiveArray<short>)batch.Column(i);
            }
        }

        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            var name = field.Name;
            if (name.StartsWith(FrameColumns.VectorPrefix, StringComparison.Ordinal))
            {
                _vectors[name[FrameColumns.VectorPrefix.Length..]] = batch.Column(i) as FixedSizeListArray
                    ?? throw new FrameFormatException($"Fragment column '{name}' is {field.Type}, not a fixed-size list of float32.");
            }
            else if (name.StartsWith(FrameColumns.SparsePrefix, StringComparison.Ordinal))
            {
                _sparse[name[FrameColumns.SparsePrefix.Length..]] = (ListArray)batch.Column(i);
            }
            else if (name.StartsWith(FrameColumns.MetadataPrefix, StringComparison.Ordinal))
            {
                var key = name[FrameColumns.MetadataPrefix.Length..];
                var tagged = field.Metadata.TryGetValue(FrameColumns.EncodingKey, out var encoding)
                    && string.Equals(encoding, FrameColumns.EncodingTaggedJson, StringComparison.Ordinal);
                if (encoding is not null && !tagged && !string.Equals(encoding, FrameColumns.EncodingTyped, StringComparison.Ordinal))
                {
                    throw new FrameFormatException($"Fragment column '{name}' has unknown encoding '{encoding}'.");
                }

                var column = new MetadataColumn(key, batch.Column(i), tagged, nulls.GetValueOrDefault(key), offsets.GetValueOrDefault(key));
                _metadata[key] = column;
                _metadataOrder.Add(column);
            }
        }
    }

    public int Length { get; }

    public StringArray Id { get; }

    public StringArray? RecordType { get; }

    public StringArray? Text { get; }

    public StringArray? Title { get; }

    public StringArray? Collection { get; }

    public StructArray? Source { get; }

    public ListArray? Relationships { get; }

    public IReadOnlyDictionary<string, FixedSizeListArray> Vectors => _vectors;

    public IReadOnlyDictionary<string, MetadataColumn> Metadata => _metadata;

    public FixedSizeListArray? Vector(string name) => _vectors.GetValueOrDefault(name);

    public MetadataColumn? MetadataKey(string key) => _metadata.GetValueOrDefault(key);

    public string GetId(int row) => Id.GetString(row)!;

    /// <summary>Decodes one row into a record, with only the parts the projection asks for.</summary>
    public Record ReadRecord(int row, RecordProjection projection)
    {
        var record = new Record(GetId(row))
        {
            RecordType = RecordType?.GetString(row) ?? RecordTypes.Document,
        };
        if (projection.Text)
        {
            record.Text = Text?.GetString(row);
        }

        if (projection.Title)
        {
            record.Title = Title?.GetString(row);
        }

        record.Collection = Collection?.GetString(row);
        if (projection.Source && Source is not null && !Source.IsNull(row))
        {
            record.Source = new RecordSource(
                ((StringArray)Source.GetChild(0)).GetString(row) ?? string.Empty,
                ((StringArray)Source.GetChild(1)).GetString(row),
                ((StringArray)Source.GetChild(2)).GetString(row));
        }

        if (projection.Relationships && Relationships is not null && !Relationships.IsNull(row))
        {
            var items = (StructArray)Relationships.Values;
            var kinds = (StringArray)items.GetChild(0);
            var targets = (StringArray)items.GetChild(1);
            var start = Relationships.GetValueOffset(row);
            var end = start + Relationships.GetValueLength(row);
            for (var i = start; i < end; i++)
            {
                record.Relationships.Add(new Relationship(kinds.GetString(i)!, targets.GetString(i)!));
            }
        }

        foreach (var (name, column) in _vectors)
        {
            if (projection.IncludesVector(name) && !column.IsNull(row))
            {
                record.Vectors[name] = column.GetValues<float>(row).ToArray();
            }
        }

        if (projection.Sparse)
        {
            foreach (var (name, column) in _sparse)
            {
                if (column.IsNull(row))
                {
                    continue;
                }

                var items = (StructArray)column.Values;
                var start = column.GetValueOffset(row);
                var length = column.GetValueLength(row);
                var indices = ((PrimitiveArray<uint>)items.GetChild(0)).Values.Slice(start, length);
                var values = ((PrimitiveArray<float>)items.GetChild(1)).Values.Slice(start, length);
                record.Sparse[name] = new SparseVector(indices, values);
            }
        }

        foreach (var column in _metadataOrder)
        {
            if (!projection.IncludesMetadata(column.Key))
            {
                continue;
            }

            var value = column.Get(row);
            if (value is not null)
            {
                record.Metadata[column.Key] = value;
            }
        }

        return record;
    }

    /// <summary>
    /// The content checksum (<see cref="RecordChecksum"/>) of the record at <paramref name="row"/>, hashed from the columns
    /// in place: equal to the checksum of <see cref="ReadRecord"/> with every column, without building the record (no
    /// strings for text and scalar metadata, no copy of the vectors).
    /// </summary>
    public UInt128 Checksum(int row, RecordChecksumBuilder builder)
    {
        var order = _checksumOrder ??= new ChecksumOrder(this);
        builder.Reset();
        if (Text is not null && !Text.IsNull(row))
        {
            builder.TextUtf8(Text.GetBytes(row));
        }

        if (Title is not null && !Title.IsNull(row))
        {
            builder.TitleUtf8(Title.GetBytes(row));
        }

        foreach (var column in order.Metadata)
        {
            column.AddToChecksum(row, builder);
        }

        foreach (var (name, column) in order.Vectors)
        {
            if (!column.IsNull(row))
            {
                builder.Vector(name, column.GetValues<float>(row));
            }
        }

        foreach (var (name, column) in order.Sparse)
        {
            if (!column.IsNull(row))
            {
                var items = (StructArray)column.Values;
                var start = column.GetValueOffset(row);
                var length = column.GetValueLength(row);
                builder.Sparse(
                    name,
                    ((PrimitiveArray<uint>)items.GetChild(0)).Values.Slice(start, length),
                    ((PrimitiveArray<float>)items.GetChild(1)).Values.Slice(start, length));
            }
        }

        return builder.Finish();
    }

    private static T? Column<T>(RecordBatch batch, string name)
        where T : ArrowArray
    {
        var index = batch.Schema.GetFieldIndex(name);
        if (index < 0)
        {
            return null;
        }

        return batch.Column(index) as T ?? throw new FrameFormatException($"Fragment column '{name}' has type {batch.Column(index).Type}, which the Frame format does not use there.");
    }

    /// <summary>Reads the float32 values of a vector slot without copying.</summary>
    public static ReadOnlySpan<float> VectorValues(FixedSizeListArray column) => column.GetAllValues<float>();

    internal static ReadOnlySpan<float> AsFloats(ReadOnlyMemory<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes.Span);

    /// <summary>The metadata, vector and sparse columns in the checksum's order (ordinal by name), sorted once per fragment.</summary>
    private sealed class ChecksumOrder
    {
        public ChecksumOrder(FragmentColumnSet columns)
        {
            Metadata = [.. columns._metadataOrder.OrderBy(c => c.Key, StringComparer.Ordinal)];
            Vectors = [.. columns._vectors.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value))];
            Sparse = [.. columns._sparse.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value))];
        }

        public MetadataColumn[] Metadata { get; }

        public (string Name, FixedSizeListArray Column)[] Vectors { get; }

        public (string Name, ListArray Column)[] Sparse { get; }
    }
}
