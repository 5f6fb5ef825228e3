namespace Ferry.Sdk.Filtering;

/// <summary>The top-level columns a filter reads (see <see cref="FilterFields.Columns"/>).</summary>
/// <param name="RecordFields">Record fields the filter names (<c>id</c>, <c>text</c>, <c>title</c>, <c>record_type</c>, <c>collection</c>), distinct, in order of first appearance.</param>
/// <param name="MetadataKeys">Top-level metadata keys the filter reads (the first key of each metadata path), distinct, in order of first appearance.</param>
public sealed record FilterColumns(IReadOnlyList<string> RecordFields, IReadOnlyList<string> MetadataKeys);
