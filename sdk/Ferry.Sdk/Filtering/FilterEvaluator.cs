using System.Runtime.CompilerServices;
using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// Evaluates filters against records and rows. Use <see cref="Compile"/> once and
/// <see cref="CompiledFilter.Matches(IFilterRow)"/> per row on hot paths; the <c>Matches</c> shortcuts here
/// cache the compiled form per filter instance.
/// </summary>
/// <remarks>
/// <para><b>Fields.</b> <c>id</c>, <c>text</c>, <c>title</c>, <c>record_type</c> and <c>collection</c> are the record's
/// strings (a record without text or title or collection has that field absent). Any other path names metadata
/// (<c>metadata.</c> prefix optional) and walks nested objects segment by segment; a missing key, or a step into
/// something that is not an object, makes the field absent.</para>
/// <para><b>Three-valued logic.</b> Every predicate is true, false or unknown, and AND, OR and NOT combine them as in
/// SQL (false AND unknown = false, true OR unknown = true, NOT unknown = unknown). A row matches only when the whole
/// filter is true. So a comparison with an absent or null field is never a match, <c>x != 1</c> included, and
/// neither is <c>NOT (x = 1)</c> for such a row; test absence with <c>IS NULL</c>.</para>
/// <para><b>Comparisons</b> (<c>= != &lt; &lt;= &gt; &gt;=</c>) are unknown when the field is absent or null, when the
/// literal is NULL (<c>x = NULL</c> never matches; use <c>IS NULL</c>), or when the kinds cannot be compared (a string
/// against a number, a NaN, ordering of arrays or objects): comparing incompatible kinds is not an error, it just does
/// not match. Numbers compare by value across Integer, Float and Decimal (Integer against Float exactly, Decimal
/// against Float in double precision), so <c>2 = 2.0</c>. Strings compare ordinally (case-sensitive, by UTF-16 code
/// unit). Timestamps compare as instants (offsets do not matter), and when one side is a timestamp and the other a
/// string, the string is read as ISO-8601 (<c>2024-01-01</c>, <c>2024-01-01T10:00:00Z</c>, with offset or without, which
/// means UTC); a string that is not a timestamp makes the comparison unknown. Bools order false before true; bytes
/// order lexicographically. Arrays and objects are equal when structurally equal by these rules.</para>
/// <para><b>IS [NOT] NULL</b> is never unknown: IS NULL is true for an absent field and for an explicit null.</para>
/// <para><b>[NOT] IN</b> is unknown for an absent or null field; otherwise IN is true when some list item is equal to
/// the value by the rules above, and NOT IN is its exact complement. List items of other kinds, and NULL items, never
/// match (unlike SQL, a NULL in the list does not make NOT IN unknown).</para>
/// <para><b>[NOT] LIKE</b> is unknown unless the field is a string; <c>%</c> matches any run, <c>_</c> one character,
/// and a backslash escapes the next character (<c>\%</c>, <c>\_</c>, <c>\\</c>). Case-sensitive, whole-string.</para>
/// <para><b>CONTAINS</b> is unknown unless the field is an array (and the value is not NULL); it is true when some
/// item equals the value by the rules above (so <c>[1, 'a'] CONTAINS 1.0</c>), and false otherwise.</para>
/// </remarks>
public static class FilterEvaluator
{
    /// <summary>Compiled forms of filters passed to the shortcuts, keyed by instance and dropped with it.</summary>
    private static readonly ConditionalWeakTable<FilterExpression, CompiledFilter> Cache = [];

    /// <summary>Prepares a filter for evaluation over many rows.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">The tree contains a node type the evaluator does not know.</exception>
    public static CompiledFilter Compile(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var slots = new Dictionary<FieldReference, FieldSlot>();
        var fields = new List<FieldReference>();
        var root = FilterProgram.Build(filter, slots, fields);
        return new CompiledFilter(filter, root, fields.ToArray());
    }

    /// <summary>True when the record satisfies the filter (see the type's remarks for the semantics).</summary>
    /// <exception cref="ArgumentNullException">An argument is <c>null</c>.</exception>
    public static bool Matches(FilterExpression filter, Record record)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(record);
        return Cache.GetValue(filter, Compile).Matches(record);
    }

    /// <summary>True when the row satisfies the filter (see the type's remarks for the semantics).</summary>
    /// <exception cref="ArgumentNullException">An argument is <c>null</c>.</exception>
    public static bool Matches(FilterExpression filter, IFilterRow row)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(row);
        return Cache.GetValue(filter, Compile).Matches(row);
    }
}
