using Ferry.Arrow;
using Ferry.Frame.Format;
using Ferry.Frame.Fragments;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Search;

/// <summary>
/// A fragment row as the filter evaluator sees it: each field of the compiled filter is mapped to its column once per
/// fragment, then <see cref="Row"/> moves along the rows. No record is built; only the values the filter asks for are
/// decoded. Not thread-safe: one per thread.
/// </summary>
internal sealed class FragmentFilterRow : IFilterRow
{
    private readonly IReadOnlyList<FieldReference> _fields;
    private readonly Accessor[] _accessors;

    public FragmentFilterRow(CompiledFilter filter, FragmentColumnSet columns)
    {
        _fields = filter.Fields;
        _accessors = new Accessor[_fields.Count];
        for (var i = 0; i < _accessors.Length; i++)
        {
            _accessors[i] = Resolve(_fields[i], columns);
        }
    }

    public int Row { get; set; }

    public MetadataValue? GetValue(FieldReference field)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (ReferenceEquals(_fields[i], field))
            {
                return _accessors[i].Get(Row);
            }
        }

        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Equals(field))
            {
                return _accessors[i].Get(Row);
            }
        }

        throw new ArgumentException($"Field '{field}' is not one of the compiled filter's fields.", nameof(field));
    }

    /// <summary>The rows of a fragment that are live and match the filter, as a selection bitmap (bit set = keep).</summary>
    public static ulong[] Select(CompiledFilter? filter, FragmentReader fragment, DeletionSet deletions, FixedSizeListArray? vectors) =>
        Select(filter, fragment, deletions, vectors, 0, fragment.Rows);

    /// <summary>
    /// The selection bitmap of rows [<paramref name="startRow"/>, + <paramref name="rowCount"/>) (start a multiple of 64):
    /// live, with a vector when <paramref name="vectors"/> is given, and matching the filter. The filter is evaluated
    /// only for rows that passed the cheaper tests.
    /// </summary>
    public static ulong[] Select(CompiledFilter? filter, FragmentReader fragment, DeletionSet deletions, FixedSizeListArray? vectors, int startRow, int rowCount)
    {
        var firstWord = startRow / 64;
        var words = new ulong[(rowCount + 63) / 64];
        var deleted = deletions.Bits;
        var validity = vectors is null || vectors.NullCount == 0 ? ReadOnlySpan<byte>.Empty : vectors.ValidityBitmap;
        for (var w = 0; w < words.Length; w++)
        {
            var global = firstWord + w;
            var word = ~deleted[global];
            if (!validity.IsEmpty)
            {
                // Rows without a vector are never scored.
                var valid = 0UL;
                var bytes = Math.Min(8, validity.Length - (global * 8));
                for (var b = 0; b < bytes; b++)
                {
                    valid |= (ulong)validity[(global * 8) + b] << (8 * b);
                }

                word &= valid;
            }

            var tail = rowCount - (w * 64);
            if (tail < 64)
            {
                word &= (1UL << tail) - 1;
            }

            words[w] = word;
        }

        if (filter is null)
        {
            return words;
        }

        var row = new FragmentFilterRow(filter, fragment.Columns);
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var kept = word;
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                row.Row = startRow + (w * 64) + bit;
                if (!filter.Matches(row))
                {
                    kept &= ~(1UL << bit);
                }
            }

            words[w] = kept;
        }

        return words;
    }

    private static Accessor Resolve(FieldReference field, FragmentColumnSet columns)
    {
        var path = field.Path;
        if (path.Count == 1)
        {
            switch (path[0])
            {
                case "id": return new StringAccessor(columns.Id);
                case "text": return new StringAccessor(columns.Text);
                case "title": return new StringAccessor(columns.Title);
                case "record_type": return new StringAccessor(columns.RecordType);
                case "collection": return new StringAccessor(columns.Collection);
            }
        }

        var start = path.Count > 1 && path[0] == "metadata" ? 1 : 0;
        var column = columns.MetadataKey(path[start]);
        return column is null ? Accessor.Absent : new MetadataAccessor(column, path, start + 1);
    }

    private class Accessor
    {
        public static Accessor Absent { get; } = new();

        public virtual MetadataValue? Get(int row) => null;
    }

    private sealed class StringAccessor(StringArray? column) : Accessor
    {
        public override MetadataValue? Get(int row) =>
            column is null || column.IsNull(row) ? null : MetadataValue.FromString(column.GetString(row));
    }

    private sealed class MetadataAccessor(MetadataColumn column, IReadOnlyList<string> path, int start) : Accessor
    {
        public override MetadataValue? Get(int row) => column.Walk(row, path, start);
    }
}
