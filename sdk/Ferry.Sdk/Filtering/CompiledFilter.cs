using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// A filter prepared for evaluation over many rows: literals pre-analysed (a string literal compared with
/// timestamps is parsed once), LIKE patterns compiled, large IN lists hashed, fields resolved. Evaluation
/// allocates nothing beyond what the row's <see cref="IFilterRow.GetValue"/> does. Immutable and safe to share
/// across threads. Semantics: see <see cref="FilterEvaluator"/>.
/// </summary>
public sealed class CompiledFilter
{
    private readonly FilterNode _root;
    private readonly FieldReference[] _fields;

    internal CompiledFilter(FilterExpression filter, FilterNode root, FieldReference[] fields)
    {
        Filter = filter;
        _root = root;
        _fields = fields;
    }

    /// <summary>The filter this was compiled from.</summary>
    public FilterExpression Filter { get; }

    /// <summary>
    /// The distinct fields the filter reads, in order of first appearance. <see cref="IFilterRow.GetValue"/> is
    /// always called with one of these very instances, so a row can map them to columns once.
    /// </summary>
    public IReadOnlyList<FieldReference> Fields => _fields;

    /// <summary>True when the row satisfies the filter (the filter evaluates to true, not false or unknown).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is <c>null</c>.</exception>
    public bool Matches(IFilterRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reader = new RowFieldReader(row);
        return FilterProgram.Evaluate(_root, ref reader) == FilterTruth.True;
    }

    /// <summary>True when the record satisfies the filter; reads the record directly, without an adapter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <c>null</c>.</exception>
    public bool Matches(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reader = new RecordFieldReader(record);
        return FilterProgram.Evaluate(_root, ref reader) == FilterTruth.True;
    }

    /// <summary>
    /// The three-valued result: <c>true</c>, <c>false</c>, or <c>null</c> for SQL's unknown (e.g. a comparison
    /// with an absent field). <see cref="Matches(IFilterRow)"/> is <c>Evaluate(row) == true</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is <c>null</c>.</exception>
    public bool? Evaluate(IFilterRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reader = new RowFieldReader(row);
        return FilterProgram.Evaluate(_root, ref reader) switch
        {
            FilterTruth.True => true,
            FilterTruth.False => false,
            _ => null,
        };
    }

    /// <summary>The filter's canonical text.</summary>
    public override string ToString() => Filter.ToString();
}
