namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>Everything the catalogue says about one table that reading or writing it needs.</summary>
internal sealed class TableCatalog
{
    public required uint Oid { get; init; }

    public required string Schema { get; init; }

    public required string Name { get; init; }

    /// <summary>The table's comment, where Ferry keeps the layout of tables it created.</summary>
    public string? Comment { get; init; }

    /// <summary>The planner's row estimate (<c>reltuples</c>); -1 when never analyzed.</summary>
    public long EstimatedRows { get; init; }

    public required IReadOnlyList<ColumnInfo> Columns { get; init; }

    /// <summary>The primary key's columns in key order; empty when the table has none.</summary>
    public required IReadOnlyList<ColumnInfo> PrimaryKey { get; init; }

    /// <summary>Column sets of unique, non-partial, expression-free indexes (the primary key included).</summary>
    public required IReadOnlyList<IReadOnlyList<ColumnInfo>> UniqueKeys { get; init; }

    public required IReadOnlyList<VectorIndexInfo> VectorIndexes { get; init; }

    public required IReadOnlyList<ForeignKeyInfo> ForeignKeys { get; init; }

    /// <summary>The schema-qualified, quoted name for SQL.</summary>
    public string QualifiedName => Sql.Identifier(Schema) + "." + Sql.Identifier(Name);

    /// <summary><c>schema.name</c> for messages and provenance.</summary>
    public string DisplayName => Schema + "." + Name;

    public ColumnInfo? Find(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}
