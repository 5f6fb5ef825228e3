using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// One row as the filter evaluator sees it: a value for each field a filter names. Stores implement this over
/// their own row layout (e.g. Frame over Arrow columns) so that filters run without building a <see cref="Record"/>.
/// </summary>
public interface IFilterRow
{
    /// <summary>
    /// The value of <paramref name="field"/> in this row, or <c>null</c> when the row does not have the field.
    /// <see cref="MetadataValue.Null"/> means an explicit null; the evaluator treats both as null.
    /// </summary>
    /// <remarks>
    /// A <see cref="CompiledFilter"/> always passes one of the instances in <see cref="CompiledFilter.Fields"/>, so an
    /// implementation may map them to columns once (by reference or by index in that list) instead of per call.
    /// Record fields (<c>id</c>, <c>text</c>, <c>title</c>, <c>record_type</c>, <c>collection</c>) are strings.
    /// </remarks>
    MetadataValue? GetValue(FieldReference field);
}
