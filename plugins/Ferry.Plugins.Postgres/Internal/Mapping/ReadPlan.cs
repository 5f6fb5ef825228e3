using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// How rows of one table become records: the select list (each column's expression and ordinal), which column
/// plays which part, the key that orders and resumes the scan, and the schema the source describes.
/// </summary>
internal sealed class ReadPlan
{
    public required TableCatalog Table { get; init; }

    /// <summary>The layout when the table was created by Ferry's sink; <c>null</c> for any other table.</summary>
    public TableLayout? Layout { get; init; }

    /// <summary>The key columns, in order: ids come from them and the scan is ordered and resumed by them.</summary>
    public required IReadOnlyList<ColumnInfo> Key { get; init; }

    public required IReadOnlyList<string> SelectList { get; init; }

    /// <summary>The ordinal of the first key text (<c>key::text</c>); the others follow.</summary>
    public required int KeyOrdinal { get; init; }

    public ReadColumn? Text { get; init; }

    public ReadColumn? Title { get; init; }

    public required IReadOnlyList<ReadVector> Vectors { get; init; }

    public required IReadOnlyList<ReadSparse> Sparse { get; init; }

    public required IReadOnlyList<ReadColumn> Metadata { get; init; }

    public required IReadOnlyList<ReadRelationship> Relationships { get; init; }

    /// <summary>Ordinals of the fixed columns of a Ferry table (-1 when absent).</summary>
    public int RecordTypeOrdinal { get; init; } = -1;

    public int CollectionOrdinal { get; init; } = -1;

    public int RelationshipsOrdinal { get; init; } = -1;

    public int SourceOrdinal { get; init; } = -1;

    public int OverflowOrdinal { get; init; } = -1;

    public required DatasetSchema Schema { get; init; }

    /// <summary>The key columns as a SQL row expression, e.g. <c>("tenant", "id")</c>.</summary>
    public string KeyRow
    {
        get
        {
            var parts = new string[Key.Count];
            for (var i = 0; i < Key.Count; i++)
            {
                parts[i] = Sql.Identifier(Key[i].Name);
            }

            return Key.Count == 1 ? parts[0] : "(" + string.Join(", ", parts) + ")";
        }
    }

    /// <summary><c>ORDER BY</c> list of the key.</summary>
    public string KeyOrder
    {
        get
        {
            var parts = new string[Key.Count];
            for (var i = 0; i < Key.Count; i++)
            {
                parts[i] = Sql.Identifier(Key[i].Name);
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary><c>SELECT … FROM table</c> without WHERE/ORDER/LIMIT.</summary>
    /// <remarks>
    /// Every expression gets an alias of its own: <c>ORDER BY "n"</c> must name the column, and an output column
    /// called <c>n</c> (the key's text form, for one) would make it ambiguous.
    /// </remarks>
    public string SelectFrom
    {
        get
        {
            var items = new string[SelectList.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = SelectList[i] + " AS \"ferry$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
            }

            return "SELECT " + string.Join(", ", items) + " FROM " + Table.QualifiedName;
        }
    }
}
