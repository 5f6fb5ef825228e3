using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// The layout of a table the sink creates: the fixed columns (<see cref="LayoutColumns"/>), one column per named
/// dense vector and per sparse vector, one typed column per metadata field that has a single declared kind, and
/// the tagged <c>metadata jsonb</c> column for everything else. The layout is kept as the table's comment
/// (<c>ferry:{json}</c>) so that the source reads the table back into exactly the records that were written,
/// and a resumed or later run writes into it the same way.
/// </summary>
internal sealed class TableLayout
{
    public const string CommentPrefix = "ferry:";
    public const int CurrentVersion = 1;

    /// <summary>PostgreSQL allows 1,600 columns; keep room for the fixed ones and vectors.</summary>
    public const int MaxTypedFields = 1500;

    public required IReadOnlyList<LayoutVector> Vectors { get; init; }

    public required IReadOnlyList<LayoutSparse> Sparse { get; init; }

    public required IReadOnlyList<LayoutField> Fields { get; init; }

    /// <summary>
    /// The metadata fields the writing run's schema declared (typed or not), so that reading the table back
    /// describes the same fields even where their values live in the metadata jsonb column.
    /// </summary>
    public IReadOnlyList<MetadataField> Declared { get; init; } = [];

    /// <summary>Plans the layout for a schema.</summary>
    /// <param name="schema">The data's schema.</param>
    /// <param name="storage">How dense vectors are stored.</param>
    /// <param name="sparseDimension">The sparse dimension when the schema does not carry one.</param>
    /// <param name="keepHalfPrecision">
    /// Store vectors the schema says are float16 (e.g. read from a halfvec column) as halfvec when
    /// <paramref name="storage"/> is <see cref="VectorStorage.Vector"/>: they fit exactly and keep their size.
    /// </param>
    public static TableLayout Plan(DatasetSchema schema, VectorStorage storage, int sparseDimension, bool keepHalfPrecision = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var used = new HashSet<string>(LayoutColumns.System, StringComparer.Ordinal);
        var vectors = new List<LayoutVector>();
        foreach (var field in schema.Vectors)
        {
            var preferred = field.Name == Record.DefaultVectorName ? LayoutColumns.DefaultVector : field.Name;
            var own = keepHalfPrecision && storage == VectorStorage.Vector && field.StorageType == "float16" ? VectorStorage.Halfvec : storage;
            vectors.Add(new LayoutVector(field.Name, Claim(used, preferred, "_vector"), field.Dimension, field.Metric, own));
        }

        var sparse = new List<LayoutSparse>();
        foreach (var name in schema.SparseVectors)
        {
            var dimension = sparseDimension;
            if (schema.Properties.TryGetValue(SparseDimensionProperty(name), out var known)
                && int.TryParse(known, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                dimension = parsed;
            }

            var column = Claim(used, name, "_sparse");
            if (storage == VectorStorage.Real)
            {
                used.Add(column + "_indices");
                used.Add(column + "_values");
            }

            sparse.Add(new LayoutSparse(name, column, dimension, storage == VectorStorage.Real ? SparseStorage.Arrays : SparseStorage.Sparsevec));
        }

        var fields = new List<LayoutField>();
        foreach (var field in schema.Metadata)
        {
            if (fields.Count >= MaxTypedFields || field.Kind is not { } kind || !IsTypedKind(kind, field.ItemKind)
                || !Sql.IsUsableIdentifier(field.Name) || !used.Add(field.Name))
            {
                continue; // goes to the metadata jsonb column
            }

            fields.Add(new LayoutField(field.Name, field.Name, kind, kind == MetadataKind.Array ? field.ItemKind : null));
        }

        return new TableLayout { Vectors = vectors, Sparse = sparse, Fields = fields, Declared = schema.Metadata };
    }

    /// <summary>The schema property a source sets to carry a sparse vector's dimension.</summary>
    public static string SparseDimensionProperty(string name) => "sparse_dimension." + name;

    /// <summary>Whether values of this kind get their own typed column.</summary>
    public static bool IsTypedKind(MetadataKind kind, MetadataKind? itemKind) => kind switch
    {
        MetadataKind.Bool or MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal
            or MetadataKind.String or MetadataKind.Timestamp or MetadataKind.Bytes => true,
        MetadataKind.Array => itemKind is { } item && item != MetadataKind.Array && item != MetadataKind.Object && item != MetadataKind.Null && IsTypedKind(item, null),
        _ => false,
    };

    /// <summary>The SQL type of a typed metadata column.</summary>
    public static string SqlType(MetadataKind kind, MetadataKind? itemKind) => kind switch
    {
        MetadataKind.Bool => "boolean",
        MetadataKind.Integer => "bigint",
        MetadataKind.Float => "double precision",
        MetadataKind.Decimal => "numeric",
        MetadataKind.String => "text",
        MetadataKind.Timestamp => "timestamptz",
        MetadataKind.Bytes => "bytea",
        MetadataKind.Array => SqlType(itemKind ?? throw new InvalidOperationException("An array column needs an item kind."), null) + "[]",
        _ => throw new InvalidOperationException($"No typed column for {kind}."),
    };

    /// <summary>The CREATE TABLE statement.</summary>
    public string CreateTableSql(string qualifiedName)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(qualifiedName).Append(" (\n  ")
            .Append(Sql.Identifier(LayoutColumns.Id)).Append(" text PRIMARY KEY,\n  ")
            .Append(Sql.Identifier(LayoutColumns.Text)).Append(" text,\n  ")
            .Append(Sql.Identifier(LayoutColumns.Title)).Append(" text");
        foreach (var vector in Vectors)
        {
            sql.Append(",\n  ").Append(Sql.Identifier(vector.Column)).Append(' ').Append(vector.SqlType);
        }

        foreach (var sparse in Sparse)
        {
            if (sparse.Storage == SparseStorage.Arrays)
            {
                sql.Append(",\n  ").Append(Sql.Identifier(sparse.Column + "_indices")).Append(" integer[]");
                sql.Append(",\n  ").Append(Sql.Identifier(sparse.Column + "_values")).Append(" real[]");
            }
            else
            {
                sql.Append(",\n  ").Append(Sql.Identifier(sparse.Column)).Append(" sparsevec(").Append(sparse.Dimension.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }

        foreach (var field in Fields)
        {
            sql.Append(",\n  ").Append(Sql.Identifier(field.Column)).Append(' ').Append(SqlType(field.Kind, field.ItemKind));
        }

        sql.Append(",\n  ").Append(Sql.Identifier(LayoutColumns.Metadata)).Append(" jsonb")
            .Append(",\n  ").Append(Sql.Identifier(LayoutColumns.RecordType)).Append(" text NOT NULL DEFAULT 'document'")
            .Append(",\n  ").Append(Sql.Identifier(LayoutColumns.Collection)).Append(" text")
            .Append(",\n  ").Append(Sql.Identifier(LayoutColumns.Relationships)).Append(" jsonb")
            .Append(",\n  ").Append(Sql.Identifier(LayoutColumns.Source)).Append(" jsonb")
            .Append("\n)");
        return sql.ToString();
    }

    /// <summary>The table comment that records this layout.</summary>
    public string ToComment()
    {
        var root = new JsonObject { ["version"] = CurrentVersion };
        var vectors = new JsonArray();
        foreach (var v in Vectors)
        {
            vectors.Add(new JsonObject
            {
                ["name"] = v.Name,
                ["column"] = v.Column,
                ["dimension"] = v.Dimension,
                ["metric"] = v.Metric.ToString().ToLowerInvariant(),
                ["storage"] = v.Storage.ToString().ToLowerInvariant(),
            });
        }

        var sparse = new JsonArray();
        foreach (var s in Sparse)
        {
            sparse.Add(new JsonObject
            {
                ["name"] = s.Name,
                ["column"] = s.Column,
                ["dimension"] = s.Dimension,
                ["storage"] = s.Storage.ToString().ToLowerInvariant(),
            });
        }

        var fields = new JsonArray();
        foreach (var f in Fields)
        {
            var node = new JsonObject { ["name"] = f.Name, ["column"] = f.Column, ["kind"] = f.Kind.ToString().ToLowerInvariant() };
            if (f.ItemKind is { } item)
            {
                node["itemKind"] = item.ToString().ToLowerInvariant();
            }

            fields.Add(node);
        }

        var declared = new JsonArray();
        foreach (var d in Declared)
        {
            var node = new JsonObject { ["name"] = d.Name, ["nullable"] = d.Nullable };
            if (d.Kind is { } kind)
            {
                node["kind"] = kind.ToString().ToLowerInvariant();
            }

            if (d.ItemKind is { } item)
            {
                node["itemKind"] = item.ToString().ToLowerInvariant();
            }

            declared.Add(node);
        }

        root["vectors"] = vectors;
        root["declared"] = declared;
        root["sparse"] = sparse;
        root["fields"] = fields;
        return CommentPrefix + root.ToJsonString();
    }

    /// <summary>The layout recorded in a table comment, or <c>null</c> when the table was not created by Ferry.</summary>
    public static TableLayout? FromComment(string? comment)
    {
        if (comment is null || !comment.StartsWith(CommentPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(comment.AsSpan(CommentPrefix.Length).ToString());
        }
        catch (JsonException ex)
        {
            throw new FormatException("The table comment starts with 'ferry:' but does not hold a layout.", ex);
        }

        var version = root?["version"]?.GetValue<int>() ?? 0;
        if (version != CurrentVersion)
        {
            throw new FormatException($"The table was created by a Ferry with layout version {version}; this one reads version {CurrentVersion}.");
        }

        var vectors = new List<LayoutVector>();
        foreach (var node in root!["vectors"]?.AsArray() ?? [])
        {
            vectors.Add(new LayoutVector(
                node!["name"]!.GetValue<string>(),
                node["column"]!.GetValue<string>(),
                node["dimension"]!.GetValue<int>(),
                Enum.Parse<DistanceMetric>(node["metric"]!.GetValue<string>(), ignoreCase: true),
                Enum.Parse<VectorStorage>(node["storage"]!.GetValue<string>(), ignoreCase: true)));
        }

        var sparse = new List<LayoutSparse>();
        foreach (var node in root["sparse"]?.AsArray() ?? [])
        {
            sparse.Add(new LayoutSparse(
                node!["name"]!.GetValue<string>(),
                node["column"]!.GetValue<string>(),
                node["dimension"]!.GetValue<int>(),
                Enum.Parse<SparseStorage>(node["storage"]!.GetValue<string>(), ignoreCase: true)));
        }

        var fields = new List<LayoutField>();
        foreach (var node in root["fields"]?.AsArray() ?? [])
        {
            var item = node!["itemKind"]?.GetValue<string>();
            fields.Add(new LayoutField(
                node["name"]!.GetValue<string>(),
                node["column"]!.GetValue<string>(),
                Enum.Parse<MetadataKind>(node["kind"]!.GetValue<string>(), ignoreCase: true),
                item is null ? null : Enum.Parse<MetadataKind>(item, ignoreCase: true)));
        }

        var declaredFields = new List<MetadataField>();
        foreach (var node in root["declared"]?.AsArray() ?? [])
        {
            var kind = node!["kind"]?.GetValue<string>();
            var item = node["itemKind"]?.GetValue<string>();
            declaredFields.Add(new MetadataField(node["name"]!.GetValue<string>(), kind is null ? null : Enum.Parse<MetadataKind>(kind, ignoreCase: true))
            {
                Nullable = node["nullable"]?.GetValue<bool>() ?? true,
                ItemKind = item is null ? null : Enum.Parse<MetadataKind>(item, ignoreCase: true),
            });
        }

        return new TableLayout { Vectors = vectors, Sparse = sparse, Fields = fields, Declared = declaredFields };
    }

    private static string Claim(HashSet<string> used, string preferred, string suffix)
    {
        var candidate = Sql.IsUsableIdentifier(preferred) ? preferred : "vector";
        if (used.Add(candidate))
        {
            return candidate;
        }

        for (var i = 1; ; i++)
        {
            var next = candidate + suffix + (i == 1 ? string.Empty : i.ToString(CultureInfo.InvariantCulture));
            if (Sql.IsUsableIdentifier(next) && used.Add(next))
            {
                return next;
            }

            if (!Sql.IsUsableIdentifier(next))
            {
                candidate = "vector";
            }
        }
    }
}
