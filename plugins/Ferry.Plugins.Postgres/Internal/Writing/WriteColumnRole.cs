namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>What a column of a sink-created table receives.</summary>
internal enum WriteColumnRole
{
    Id,
    Text,
    Title,
    Vector,
    Sparse,
    SparseIndices,
    SparseValues,
    Field,
    Overflow,
    RecordType,
    Collection,
    Relationships,
    Source,
}
