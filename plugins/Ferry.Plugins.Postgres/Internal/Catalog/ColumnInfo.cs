namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>One column of a table, as the catalogue describes it.</summary>
/// <param name="Number">The attribute number (1-based, gaps where columns were dropped).</param>
/// <param name="Name">The column name, exactly.</param>
/// <param name="TypeName">The base type's name (domains unwrapped), e.g. <c>int8</c>, <c>vector</c>, <c>_float4</c>.</param>
/// <param name="DisplayType">The declared type as <c>format_type</c> renders it, e.g. <c>vector(384)</c>, <c>real[]</c>.</param>
/// <param name="BaseType">The base type without modifiers as <c>format_type</c> renders it, for casts (e.g. <c>bigint</c>).</param>
/// <param name="TypeModifier">The type modifier (the dimension of a vector, -1 when none).</param>
/// <param name="NotNull">Whether the column is declared NOT NULL.</param>
/// <param name="Kind">How values are read and written.</param>
/// <param name="ElementKind">For arrays, the kind of the elements.</param>
internal sealed record ColumnInfo(
    int Number,
    string Name,
    string TypeName,
    string DisplayType,
    string BaseType,
    int TypeModifier,
    bool NotNull,
    PgValueKind Kind,
    PgValueKind ElementKind)
{
    /// <summary>Whether the column can hold a dense float vector (vector, halfvec, real[]).</summary>
    public bool IsDenseVectorType =>
        Kind is PgValueKind.Vector or PgValueKind.HalfVector || (Kind == PgValueKind.Array && ElementKind == PgValueKind.Float4);

    /// <summary>Maps a base type name (and category) to a kind.</summary>
    public static PgValueKind KindOf(string typeName, string category) => typeName switch
    {
        "bool" => PgValueKind.Bool,
        "int2" => PgValueKind.Int16,
        "int4" => PgValueKind.Int32,
        "int8" => PgValueKind.Int64,
        "oid" => PgValueKind.Oid,
        "float4" => PgValueKind.Float4,
        "float8" => PgValueKind.Float8,
        "numeric" => PgValueKind.Numeric,
        "text" or "varchar" or "bpchar" or "name" or "citext" => PgValueKind.Text,
        "uuid" => PgValueKind.Uuid,
        "json" => PgValueKind.Json,
        "jsonb" => PgValueKind.Jsonb,
        "bytea" => PgValueKind.Bytea,
        "timestamp" => PgValueKind.Timestamp,
        "timestamptz" => PgValueKind.TimestampTz,
        "date" => PgValueKind.Date,
        "vector" => PgValueKind.Vector,
        "halfvec" => PgValueKind.HalfVector,
        "sparsevec" => PgValueKind.SparseVector,
        _ when category == "A" => PgValueKind.Array,
        _ => PgValueKind.Other,
    };
}
