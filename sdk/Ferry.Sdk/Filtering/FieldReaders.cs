using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>Reads fields through the public <see cref="IFilterRow"/> contract.</summary>
internal readonly struct RowFieldReader(IFilterRow row) : IFieldReader
{
    public FieldRead Read(FieldSlot slot) => new(row.GetValue(slot.Field), null);
}

/// <summary>Reads fields straight out of a <see cref="Record"/>, using the slot's pre-resolved path.</summary>
internal readonly struct RecordFieldReader(Record record) : IFieldReader
{
    public FieldRead Read(FieldSlot slot) => slot.Target == FieldTarget.Metadata
        ? new FieldRead(RecordFieldAccess.Walk(record, slot.MetadataPath, 0), null)
        : new FieldRead(null, RecordFieldAccess.RecordString(record, slot.Target));
}
