namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>How the connector reads and writes a column's values (its base type after domains are unwrapped).</summary>
internal enum PgValueKind
{
    /// <summary>Any type without its own mapping: read through its text form (e.g. interval, inet, enums, money).</summary>
    Other,
    Bool,
    Int16,
    Int32,
    Int64,
    /// <summary><c>oid</c>: an unsigned 32-bit integer.</summary>
    Oid,
    Float4,
    Float8,
    Numeric,
    /// <summary>text, varchar, char(n), name, citext.</summary>
    Text,
    Uuid,
    Json,
    Jsonb,
    Bytea,
    Timestamp,
    TimestampTz,
    Date,
    Vector,
    HalfVector,
    SparseVector,
    Array,
}
