namespace Ferry.Sdk.Filtering;

/// <summary>How compiled filters read fields. Implemented by structs so that generic evaluation is specialised per reader and nothing is boxed.</summary>
internal interface IFieldReader
{
    FieldRead Read(FieldSlot slot);
}
