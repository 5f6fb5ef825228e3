using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// <see cref="IFilterRow"/> over a <see cref="Record"/>: <c>id</c>, <c>text</c>, <c>title</c>, <c>record_type</c> and
/// <c>collection</c> as strings (absent when the record has none), every other path walks
/// <see cref="Record.Metadata"/> through nested objects (a leading <c>metadata.</c> segment is optional).
/// </summary>
/// <remarks>
/// <see cref="FilterEvaluator.Matches(FilterExpression, Record)"/> and <see cref="CompiledFilter.Matches(Record)"/> do
/// not need this adapter (they read records directly, without allocating); use it to hand records to code that
/// takes an <see cref="IFilterRow"/>.
/// </remarks>
/// <param name="record">The record read.</param>
public sealed class RecordFilterRow(Record record) : IFilterRow
{
    /// <summary>The record read.</summary>
    public Record Record { get; } = record ?? throw new ArgumentNullException(nameof(record));

    /// <inheritdoc />
    public MetadataValue? GetValue(FieldReference field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var target = FieldSlot.Resolve(field, out var metadataStart);
        if (target == FieldTarget.Metadata)
        {
            return RecordFieldAccess.Walk(Record, field.Path, metadataStart);
        }

        var text = RecordFieldAccess.RecordString(Record, target);
        return text is null ? null : MetadataValue.FromString(text);
    }
}
