using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Csv;

/// <summary>
/// The columns of a CSV file and how header cells map to record fields. Writing: <c>id</c>, <c>title</c>, <c>text</c>,
/// then <c>collection</c> and <c>record_type</c> when the data has them, a column per vector (<c>vector</c> for the
/// default one, <c>vector.NAME</c> for others), a column per metadata key (or per leaf, <c>key.sub</c>, with
/// <c>nested=dotted</c>), and last <c>_extra</c>: a JSON object with whatever has no column of its own (keys that
/// appear only later, a value of another kind than its typed column, sparse vectors, relationships, provenance).
/// </summary>
internal static class CsvLayout
{
    public const string ExtraColumn = "_extra";

    public static List<CsvColumn> ForWriting(DatasetSchema schema, IReadOnlyList<Record> firstRecords, CsvOptions options)
    {
        var columns = new List<CsvColumn>
        {
            new(CsvColumnKind.Id, "id"),
            new(CsvColumnKind.Title, "title"),
            new(CsvColumnKind.Text, "text"),
        };
        bool collection = false, recordType = false;
        var vectors = new List<string>();
        foreach (var field in schema.Vectors)
        {
            AddOnce(vectors, field.Name);
        }

        var keys = new List<string>();
        var kinds = new Dictionary<string, MetadataKind?>(StringComparer.Ordinal);
        var leaves = new Dictionary<string, List<(string[] Path, MetadataKind? Kind)>>(StringComparer.Ordinal);
        foreach (var field in schema.Metadata)
        {
            keys.Add(field.Name);
            kinds[field.Name] = field.Kind;
        }

        foreach (var record in firstRecords)
        {
            collection |= record.Collection is not null;
            recordType |= !string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal);
            foreach (var name in record.Vectors.Keys)
            {
                AddOnce(vectors, name);
            }

            foreach (var (key, value) in record.Metadata)
            {
                if (!kinds.TryGetValue(key, out var kind))
                {
                    keys.Add(key);
                    kinds[key] = value.IsNull ? null : value.Kind;
                }
                else if (!value.IsNull && kind != value.Kind)
                {
                    kinds[key] = kind is null ? value.Kind : MetadataKind.Null;
                }

                if (options.DottedObjects && value.Kind == MetadataKind.Object)
                {
                    if (!leaves.TryGetValue(key, out var list))
                    {
                        leaves[key] = list = [];
                    }

                    CollectLeaves(value, [key], list);
                }
            }
        }

        if (collection)
        {
            columns.Add(new CsvColumn(CsvColumnKind.Collection, "collection"));
        }

        if (recordType)
        {
            columns.Add(new CsvColumn(CsvColumnKind.RecordType, "record_type"));
        }

        foreach (var name in vectors)
        {
            columns.Add(new CsvColumn(CsvColumnKind.Vector, name == Record.DefaultVectorName ? "vector" : "vector." + name) { Path = [name] });
        }

        var reserved = new HashSet<string>(columns.Select(c => c.Name), StringComparer.Ordinal) { ExtraColumn, "embedding", "content", "_id" };
        foreach (var key in keys)
        {
            var kind = kinds[key];
            if (reserved.Contains(key) || key.StartsWith("vector.", StringComparison.Ordinal))
            {
                // A key that would read back as another field stays in _extra.
                continue;
            }

            if (options.DottedObjects && kind == MetadataKind.Object && leaves.TryGetValue(key, out var list) && list.Count > 0)
            {
                foreach (var (path, leafKind) in list)
                {
                    columns.Add(new CsvColumn(CsvColumnKind.Metadata, string.Join('.', path)) { Path = path, Type = Typed(leafKind) });
                }

                continue;
            }

            columns.Add(new CsvColumn(CsvColumnKind.Metadata, key) { Path = [key], Type = Typed(kind) });
        }

        columns.Add(new CsvColumn(CsvColumnKind.Extra, ExtraColumn));
        if (options.HeaderTypes)
        {
            // With typed headers every metadata column declares a type, so any later value keeps its kind.
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Kind == CsvColumnKind.Metadata && columns[i].Type is null)
                {
                    columns[i] = columns[i] with { Type = FieldType.Json };
                }
            }
        }

        return columns;
    }

    /// <summary>Maps header cells (optionally <c>name:type</c>) to columns; <paramref name="schema"/> types untyped metadata columns.</summary>
    public static List<CsvColumn> ForReading(IReadOnlyList<string> header, TypeSchema schema, CsvOptions options)
    {
        var columns = new List<CsvColumn>(header.Count);
        foreach (var cell in header)
        {
            var name = cell;
            FieldType? type = null;
            var colon = cell.LastIndexOf(':');
            if (colon > 0 && TryType(cell[(colon + 1)..], out var parsed))
            {
                name = cell[..colon];
                type = parsed;
            }

            columns.Add(name switch
            {
                "id" or "_id" => new CsvColumn(CsvColumnKind.Id, name),
                "title" => new CsvColumn(CsvColumnKind.Title, name),
                "text" or "content" => new CsvColumn(CsvColumnKind.Text, name),
                "collection" => new CsvColumn(CsvColumnKind.Collection, name),
                "record_type" => new CsvColumn(CsvColumnKind.RecordType, name),
                "vector" or "embedding" => new CsvColumn(CsvColumnKind.Vector, name) { Path = [Record.DefaultVectorName] },
                ExtraColumn => new CsvColumn(CsvColumnKind.Extra, name),
                _ when name.StartsWith("vector.", StringComparison.Ordinal) => new CsvColumn(CsvColumnKind.Vector, name) { Path = [name["vector.".Length..]] },
                _ => new CsvColumn(CsvColumnKind.Metadata, name)
                {
                    Path = options.DottedObjects ? name.Split('.') : [name],
                    Type = type ?? (schema.TryGet(name, out var declared) ? declared : null),
                },
            });
        }

        return columns;
    }

    private static bool TryType(string text, out FieldType type)
    {
        try
        {
            type = TypeSchema.ParseType(text, text);
            return true;
        }
        catch (Ferry.Sdk.Errors.ConnectorConfigurationException)
        {
            type = default;
            return false;
        }
    }

    private static FieldType? Typed(MetadataKind? kind) => kind switch
    {
        null => null,
        MetadataKind.Null => FieldType.Json,
        _ => TypeSchema.TypeOf(kind.Value),
    };

    private static void CollectLeaves(MetadataValue value, string[] path, List<(string[] Path, MetadataKind? Kind)> leaves)
    {
        foreach (var (key, child) in value.AsObject())
        {
            string[] childPath = [.. path, key];
            if (child.Kind == MetadataKind.Object && child.AsObject().Count > 0)
            {
                CollectLeaves(child, childPath, leaves);
                continue;
            }

            var joined = string.Join('.', childPath);
            var index = leaves.FindIndex(l => string.Join('.', l.Path) == joined);
            var kind = child.IsNull ? (MetadataKind?)null : child.Kind;
            if (index < 0)
            {
                leaves.Add((childPath, kind));
            }
            else if (kind is not null && leaves[index].Kind != kind)
            {
                leaves[index] = (childPath, leaves[index].Kind is null ? kind : MetadataKind.Null);
            }
        }
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
