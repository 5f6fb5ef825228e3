using System.Globalization;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// Decides which column plays which part. A table the sink created is read by its recorded layout. Any other
/// table: the id from the primary key (or <c>id=</c>, which must name a unique key), text and title from
/// <c>text=</c>/<c>title=</c> or the usual names, dense vectors from every vector, halfvec and real[] column (or
/// <c>vector=</c>), sparse vectors from sparsevec columns, foreign keys as relationships, and every other
/// column as typed metadata.
/// </summary>
internal static class ReadPlanBuilder
{
    private static readonly string[] TextNames = ["content", "text", "body", "document", "page_content"];
    private static readonly string[] TitleNames = ["title", "name"];

    public static async ValueTask<ReadPlan> BuildAsync(
        NpgsqlConnection connection, TableCatalog table, PostgresSettings settings, ConnectorLog log, CancellationToken cancellationToken)
    {
        var layout = TableLayout.FromComment(table.Comment);
        return layout is not null
            ? BuildForLayout(table, layout, settings, log)
            : await BuildGenericAsync(connection, table, settings, log, cancellationToken).ConfigureAwait(false);
    }

    private static ReadPlan BuildForLayout(TableCatalog table, TableLayout layout, PostgresSettings settings, ConnectorLog log)
    {
        foreach (var option in new[] { "text", "title", "vector", "id" })
        {
            if (settings.Options.Get(option) is not null)
            {
                log.Warn($"postgres: {table.DisplayName} was written by Ferry; option '{option}' is ignored (the table's recorded layout decides).");
            }
        }

        var select = new List<string>();
        ColumnInfo Require(string name) => table.Find(name)
            ?? throw new ConnectorConfigurationException($"{table.DisplayName} was written by Ferry but its column '{name}' is missing.");
        int Add(ColumnInfo column, string expression)
        {
            select.Add(expression);
            return select.Count - 1;
        }

        var text = Require(LayoutColumns.Text);
        var title = Require(LayoutColumns.Title);
        var textColumn = new ReadColumn(LayoutColumns.Text, text, Add(text, Sql.Identifier(text.Name)));
        var titleColumn = new ReadColumn(LayoutColumns.Title, title, Add(title, Sql.Identifier(title.Name)));

        var vectors = new List<ReadVector>();
        var vectorFields = new List<VectorField>();
        foreach (var v in layout.Vectors)
        {
            var column = Require(v.Column);
            vectors.Add(new ReadVector(v.Name, column, Add(column, Sql.Identifier(column.Name)), v.Dimension));
            vectorFields.Add(new VectorField(v.Name, v.Dimension, MetricOption(settings) ?? v.Metric) { StorageType = StorageType(column) });
        }

        var sparse = new List<ReadSparse>();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in layout.Sparse)
        {
            if (s.Storage == SparseStorage.Arrays)
            {
                var indices = Require(s.Column + "_indices");
                var values = Require(s.Column + "_values");
                sparse.Add(new ReadSparse(s.Name, indices, Add(indices, Sql.Identifier(indices.Name)), Add(values, Sql.Identifier(values.Name)), s.Dimension));
            }
            else
            {
                var column = Require(s.Column);
                sparse.Add(new ReadSparse(s.Name, column, Add(column, Sql.Identifier(column.Name)), -1, s.Dimension));
            }

            properties[TableLayout.SparseDimensionProperty(s.Name)] = s.Dimension.ToString(CultureInfo.InvariantCulture);
        }

        var metadata = new List<ReadColumn>();
        foreach (var f in layout.Fields)
        {
            var column = Require(f.Column);
            metadata.Add(new ReadColumn(f.Name, column, Add(column, ValueReader.Expression(column))));
        }

        var recordType = Add(Require(LayoutColumns.RecordType), Sql.Identifier(LayoutColumns.RecordType));
        var collection = Add(Require(LayoutColumns.Collection), Sql.Identifier(LayoutColumns.Collection));
        var relationships = Add(Require(LayoutColumns.Relationships), Sql.Identifier(LayoutColumns.Relationships) + "::text");
        var source = Add(Require(LayoutColumns.Source), Sql.Identifier(LayoutColumns.Source) + "::text");
        var overflow = Add(Require(LayoutColumns.Metadata), Sql.Identifier(LayoutColumns.Metadata) + "::text");
        var id = Require(LayoutColumns.Id);
        var keyOrdinal = Add(id, Sql.Identifier(id.Name) + "::text");

        var declared = layout.Declared.Count > 0 ? layout.Declared : DeclareTyped(layout.Fields);
        properties["table"] = table.DisplayName;
        properties["layout"] = "ferry";
        properties["key"] = LayoutColumns.Id;
        AddEstimate(properties, table);
        return new ReadPlan
        {
            Table = table,
            Layout = layout,
            Key = [id],
            SelectList = select,
            KeyOrdinal = keyOrdinal,
            Text = textColumn,
            Title = titleColumn,
            Vectors = vectors,
            Sparse = sparse,
            Metadata = metadata,
            Relationships = [],
            RecordTypeOrdinal = recordType,
            CollectionOrdinal = collection,
            RelationshipsOrdinal = relationships,
            SourceOrdinal = source,
            OverflowOrdinal = overflow,
            Schema = new DatasetSchema
            {
                Vectors = vectorFields,
                SparseVectors = Names(sparse),
                Metadata = declared,
                HasText = true,
                HasTitle = true,
                Properties = properties,
            },
        };
    }

    private static async ValueTask<ReadPlan> BuildGenericAsync(
        NpgsqlConnection connection, TableCatalog table, PostgresSettings settings, ConnectorLog log, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<string>(settings.GetList("exclude"), StringComparer.Ordinal);
        foreach (var name in excluded)
        {
            _ = Named(table, name, "exclude");
        }

        var key = ChooseKey(table, settings);
        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in key)
        {
            keyNames.Add(column.Name);
        }

        var textColumn = ChooseText(table, settings, "text", TextNames, keyNames, excluded);
        var titleColumn = ChooseText(table, settings, "title", TitleNames, keyNames, excluded);
        if (textColumn is not null && titleColumn is not null && textColumn.Name == titleColumn.Name)
        {
            titleColumn = null;
        }

        var vectorColumns = new List<ColumnInfo>();
        var vectorOption = settings.GetList("vector");
        if (vectorOption.Count > 0)
        {
            foreach (var name in vectorOption)
            {
                var column = Named(table, name, "vector");
                if (!column.IsDenseVectorType)
                {
                    throw new ConnectorConfigurationException($"Option 'vector': column '{name}' of {table.DisplayName} is {column.DisplayType}, not vector, halfvec or real[].");
                }

                vectorColumns.Add(column);
            }
        }
        else
        {
            foreach (var column in table.Columns)
            {
                if (column.IsDenseVectorType && !keyNames.Contains(column.Name) && !excluded.Contains(column.Name))
                {
                    vectorColumns.Add(column);
                }
            }
        }

        var select = new List<string>();
        int Add(string expression)
        {
            select.Add(expression);
            return select.Count - 1;
        }

        var used = new HashSet<string>(keyNames, StringComparer.Ordinal);
        ReadColumn? text = null;
        if (textColumn is not null)
        {
            text = new ReadColumn("text", textColumn, Add(TextExpression(textColumn)));
            used.Add(textColumn.Name);
        }

        ReadColumn? title = null;
        if (titleColumn is not null)
        {
            title = new ReadColumn("title", titleColumn, Add(TextExpression(titleColumn)));
            used.Add(titleColumn.Name);
        }

        var metricOption = MetricOption(settings);
        var vectors = new List<ReadVector>();
        var vectorFields = new List<VectorField>();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in vectorColumns)
        {
            var name = vectorColumns.Count == 1 ? Record.DefaultVectorName : column.Name;
            var dimension = column.TypeModifier > 0 && column.Kind != PgValueKind.Array
                ? column.TypeModifier
                : await ObserveDimensionAsync(connection, table, column, cancellationToken).ConfigureAwait(false);
            if (dimension <= 0)
            {
                log.Warn($"postgres: vector column '{column.Name}' of {table.DisplayName} declares no dimension and holds no vector; it is read as an empty vector field.");
            }

            var metric = metricOption ?? IndexMetric(table, column) ?? DistanceMetric.Cosine;
            vectors.Add(new ReadVector(name, column, Add(Sql.Identifier(column.Name)), dimension));
            vectorFields.Add(new VectorField(name, Math.Max(dimension, 0), metric) { StorageType = StorageType(column) });
            properties["vector." + name + ".column"] = column.Name;
            used.Add(column.Name);
        }

        var sparse = new List<ReadSparse>();
        foreach (var column in table.Columns)
        {
            if (column.Kind == PgValueKind.SparseVector && !used.Contains(column.Name) && !excluded.Contains(column.Name))
            {
                sparse.Add(new ReadSparse(column.Name, column, Add(Sql.Identifier(column.Name)), -1, Math.Max(column.TypeModifier, 0)));
                if (column.TypeModifier > 0)
                {
                    properties[TableLayout.SparseDimensionProperty(column.Name)] = column.TypeModifier.ToString(CultureInfo.InvariantCulture);
                }

                used.Add(column.Name);
            }
        }

        // A composite key's parts are also metadata: they are often worth filtering on (tenant, shard) and the
        // JSON id is not. A single-column key is the id and nothing else.
        if (key.Count > 1)
        {
            foreach (var column in key)
            {
                used.Remove(column.Name);
            }
        }

        var metadata = new List<ReadColumn>();
        var declared = new List<MetadataField>();
        foreach (var column in table.Columns)
        {
            if (used.Contains(column.Name) || excluded.Contains(column.Name))
            {
                continue;
            }

            if (column.Kind == PgValueKind.Other)
            {
                log.Info($"postgres: column '{column.Name}' of {table.DisplayName} ({column.DisplayType}) has no typed mapping and is read as its text form.");
            }

            metadata.Add(new ReadColumn(column.Name, column, Add(ValueReader.Expression(column))));
            declared.Add(Declare(column));
        }

        var fkKind = settings.Options.GetString("fk_kind", "reference");
        if (fkKind is not ("reference" or "constraint"))
        {
            throw new ConnectorConfigurationException($"Option 'fk_kind' must be reference or constraint, got '{fkKind}'.");
        }

        var relationships = new List<ReadRelationship>();
        foreach (var fk in table.ForeignKeys)
        {
            var ordinals = new List<int>(fk.Columns.Count);
            foreach (var column in fk.Columns)
            {
                ordinals.Add(Add(Sql.Identifier(column.Name) + "::text"));
            }

            var kind = fk.SelfReference ? RelationshipKinds.Parent : fkKind == "constraint" ? fk.Name : RelationshipKinds.Reference;
            relationships.Add(new ReadRelationship(kind, fk.Name, ordinals));
            properties["foreign_key." + fk.Name] = $"{Describe(fk.Columns)} -> {fk.TargetTable} ({kind})";
        }

        var keyOrdinal = -1;
        foreach (var column in key)
        {
            var ordinal = Add(Sql.Identifier(column.Name) + "::text");
            if (keyOrdinal < 0)
            {
                keyOrdinal = ordinal;
            }
        }

        properties["table"] = table.DisplayName;
        properties["key"] = Describe(key);
        if (textColumn is not null)
        {
            properties["text_column"] = textColumn.Name;
        }

        if (titleColumn is not null)
        {
            properties["title_column"] = titleColumn.Name;
        }

        AddEstimate(properties, table);
        return new ReadPlan
        {
            Table = table,
            Key = key,
            SelectList = select,
            KeyOrdinal = keyOrdinal,
            Text = text,
            Title = title,
            Vectors = vectors,
            Sparse = sparse,
            Metadata = metadata,
            Relationships = relationships,
            Schema = new DatasetSchema
            {
                Vectors = vectorFields,
                SparseVectors = Names(sparse),
                Metadata = declared,
                HasText = text is not null,
                HasTitle = title is not null,
                Properties = properties,
            },
        };
    }

    private static IReadOnlyList<ColumnInfo> ChooseKey(TableCatalog table, PostgresSettings settings)
    {
        var option = settings.GetList("id");
        if (option.Count > 0)
        {
            var columns = new List<ColumnInfo>();
            foreach (var name in option)
            {
                columns.Add(Named(table, name, "id"));
            }

            foreach (var unique in table.UniqueKeys)
            {
                if (SameColumns(unique, columns))
                {
                    foreach (var column in columns)
                    {
                        if (!column.NotNull && !IsPrimary(table, column))
                        {
                            throw new ConnectorConfigurationException($"Option 'id': column '{column.Name}' of {table.DisplayName} may be NULL; a record id cannot.");
                        }
                    }

                    return columns;
                }
            }

            throw new ConnectorConfigurationException(
                $"Option 'id': {Describe(columns)} is not a primary key or unique index of {table.DisplayName}; ids must be unique and the scan is ordered by them.");
        }

        if (table.PrimaryKey.Count > 0)
        {
            return table.PrimaryKey;
        }

        foreach (var unique in table.UniqueKeys)
        {
            var allNotNull = true;
            foreach (var column in unique)
            {
                allNotNull &= column.NotNull;
            }

            if (allNotNull)
            {
                return unique;
            }
        }

        throw new ConnectorConfigurationException(
            $"{table.DisplayName} has no primary key or NOT NULL unique index to take ids from and order the scan by; add one, or name a unique column with id=.");
    }

    private static bool IsPrimary(TableCatalog table, ColumnInfo column)
    {
        foreach (var key in table.PrimaryKey)
        {
            if (key.Name == column.Name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameColumns(IReadOnlyList<ColumnInfo> a, IReadOnlyList<ColumnInfo> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name)
            {
                return false;
            }
        }

        return true;
    }

    private static ColumnInfo? ChooseText(
        TableCatalog table, PostgresSettings settings, string option, string[] usualNames, HashSet<string> keyNames, HashSet<string> excluded)
    {
        var named = settings.Options.Get(option);
        if (named is not null)
        {
            return named.Length == 0 || named == "none" ? null : Named(table, named, option);
        }

        foreach (var usual in usualNames)
        {
            foreach (var column in table.Columns)
            {
                if (column.Kind == PgValueKind.Text && string.Equals(column.Name, usual, StringComparison.OrdinalIgnoreCase)
                    && !keyNames.Contains(column.Name) && !excluded.Contains(column.Name))
                {
                    return column;
                }
            }
        }

        return null;
    }

    private static string TextExpression(ColumnInfo column) =>
        column.Kind == PgValueKind.Text ? Sql.Identifier(column.Name) : Sql.Identifier(column.Name) + "::text";

    private static ColumnInfo Named(TableCatalog table, string name, string option) =>
        table.Find(name)
        ?? throw new ConnectorConfigurationException($"Option '{option}': {table.DisplayName} has no column '{name}'. Columns: {Describe(table.Columns)}.");

    private static async ValueTask<int> ObserveDimensionAsync(NpgsqlConnection connection, TableCatalog table, ColumnInfo column, CancellationToken cancellationToken)
    {
        var name = Sql.Identifier(column.Name);
        var length = column.Kind == PgValueKind.Array ? $"cardinality({name})" : $"vector_dims({name})";
        await using var command = new NpgsqlCommand($"SELECT {length} FROM {table.QualifiedName} WHERE {name} IS NOT NULL LIMIT 1", connection);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is int dimension ? dimension : 0;
    }

    private static DistanceMetric? IndexMetric(TableCatalog table, ColumnInfo column)
    {
        foreach (var index in table.VectorIndexes)
        {
            if (index.Column == column.Name)
            {
                return index.Metric;
            }
        }

        return null;
    }

    private static DistanceMetric? MetricOption(PostgresSettings settings)
    {
        var raw = settings.Options.Get("metric");
        return raw?.ToUpperInvariant() switch
        {
            null => null,
            "COSINE" => DistanceMetric.Cosine,
            "DOT" or "IP" or "INNER_PRODUCT" => DistanceMetric.Dot,
            "L2" or "EUCLIDEAN" => DistanceMetric.L2,
            _ => throw new ConnectorConfigurationException($"Option 'metric' must be cosine, dot or l2, got '{raw}'."),
        };
    }

    private static string StorageType(ColumnInfo column) => column.Kind == PgValueKind.HalfVector ? "float16" : "float32";

    private static MetadataField Declare(ColumnInfo column)
    {
        var kind = KindOf(column.Kind);
        return new MetadataField(column.Name, kind)
        {
            Nullable = !column.NotNull,
            ItemKind = kind == MetadataKind.Array ? KindOf(column.ElementKind) : null,
        };
    }

    private static MetadataKind? KindOf(PgValueKind kind) => kind switch
    {
        PgValueKind.Bool => MetadataKind.Bool,
        PgValueKind.Int16 or PgValueKind.Int32 or PgValueKind.Int64 or PgValueKind.Oid => MetadataKind.Integer,
        PgValueKind.Float4 or PgValueKind.Float8 => MetadataKind.Float,
        PgValueKind.Numeric => MetadataKind.Decimal,
        PgValueKind.Text or PgValueKind.Uuid or PgValueKind.Other => MetadataKind.String,
        PgValueKind.Bytea => MetadataKind.Bytes,
        PgValueKind.Timestamp or PgValueKind.TimestampTz or PgValueKind.Date => MetadataKind.Timestamp,
        PgValueKind.Array => MetadataKind.Array,
        PgValueKind.Vector or PgValueKind.HalfVector or PgValueKind.SparseVector => MetadataKind.String,
        _ => null, // json/jsonb: each value keeps its own kind
    };

    private static List<MetadataField> DeclareTyped(IReadOnlyList<LayoutField> fields)
    {
        var declared = new List<MetadataField>(fields.Count);
        foreach (var field in fields)
        {
            declared.Add(new MetadataField(field.Name, field.Kind) { ItemKind = field.ItemKind });
        }

        return declared;
    }

    private static string[] Names(List<ReadSparse> sparse)
    {
        var names = new string[sparse.Count];
        for (var i = 0; i < sparse.Count; i++)
        {
            names[i] = sparse[i].Name;
        }

        return names;
    }

    private static void AddEstimate(Dictionary<string, string> properties, TableCatalog table)
    {
        if (table.EstimatedRows >= 0)
        {
            properties["estimated_rows"] = table.EstimatedRows.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Describe(IReadOnlyList<ColumnInfo> columns)
    {
        var names = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            names[i] = columns[i].Name;
        }

        return string.Join(", ", names);
    }
}
