using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Manifests;

/// <summary>The dataset schema as the manifest stores it (format.md, section 3.3).</summary>
internal sealed class SchemaEntry
{
    public List<VectorEntry> Vectors { get; set; } = [];

    public List<string> Sparse { get; set; } = [];

    public List<MetadataEntry> Metadata { get; set; } = [];

    public bool HasText { get; set; } = true;

    public bool HasTitle { get; set; }

    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    public SchemaEntry Clone() => new()
    {
        Vectors = [.. Vectors],
        Sparse = [.. Sparse],
        Metadata = [.. Metadata],
        HasText = HasText,
        HasTitle = HasTitle,
        Properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal),
    };

    public VectorEntry? FindVector(string name)
    {
        foreach (var vector in Vectors)
        {
            if (string.Equals(vector.Name, name, StringComparison.Ordinal))
            {
                return vector;
            }
        }

        return null;
    }

    public static SchemaEntry FromDatasetSchema(DatasetSchema schema)
    {
        var entry = new SchemaEntry { HasText = schema.HasText, HasTitle = schema.HasTitle };
        foreach (var vector in schema.Vectors)
        {
            if (vector.Dimension <= 0)
            {
                throw new ArgumentException($"Vector field '{vector.Name}' has dimension {vector.Dimension}; it must be positive.", nameof(schema));
            }

            if (entry.FindVector(vector.Name) is not null)
            {
                throw new ArgumentException($"Vector field '{vector.Name}' is declared twice.", nameof(schema));
            }

            entry.Vectors.Add(new VectorEntry(vector.Name, vector.Dimension, vector.Metric));
        }

        foreach (var sparse in schema.SparseVectors)
        {
            if (!entry.Sparse.Contains(sparse))
            {
                entry.Sparse.Add(sparse);
            }
        }

        foreach (var (key, value) in schema.Properties)
        {
            entry.Properties[key] = value;
        }

        // Declared metadata kinds are not recorded up front: the manifest lists what the stored data has.
        return entry;
    }

    public DatasetSchema ToDatasetSchema(long count)
    {
        var vectors = new List<VectorField>(Vectors.Count);
        foreach (var v in Vectors)
        {
            vectors.Add(new VectorField(v.Name, v.Dimension, v.Metric));
        }

        var metadata = new List<MetadataField>(Metadata.Count);
        foreach (var m in Metadata)
        {
            metadata.Add(new MetadataField(m.Name, m.Kind) { ItemKind = m.ItemKind });
        }

        return new DatasetSchema
        {
            Vectors = vectors,
            SparseVectors = [.. Sparse],
            Metadata = metadata,
            HasText = HasText,
            HasTitle = HasTitle,
            Count = count,
            Properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal),
        };
    }
}
