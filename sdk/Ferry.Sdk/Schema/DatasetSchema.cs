namespace Ferry.Sdk.Schema;

/// <summary>
/// What a source describes about its data and what a sink is prepared with: vector fields, sparse fields,
/// metadata fields and, when known, the record count.
/// </summary>
public sealed record DatasetSchema
{
    /// <summary>The dense vector fields.</summary>
    public IReadOnlyList<VectorField> Vectors { get; init; } = [];

    /// <summary>The names of the sparse vector fields.</summary>
    public IReadOnlyList<string> SparseVectors { get; init; } = [];

    /// <summary>The metadata fields the source declares or has observed; a record may carry others.</summary>
    public IReadOnlyList<MetadataField> Metadata { get; init; } = [];

    /// <summary>Whether records carry text.</summary>
    public bool HasText { get; init; } = true;

    /// <summary>Whether records carry a title.</summary>
    public bool HasTitle { get; init; }

    /// <summary>The number of records, when the source knows it without a full scan.</summary>
    public long? Count { get; init; }

    /// <summary>Source-specific facts worth showing a user (e.g. table name, index type), as plain strings.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>The vector field with this name, or <c>null</c>.</summary>
    public VectorField? FindVector(string name)
    {
        foreach (var field in Vectors)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }
}
