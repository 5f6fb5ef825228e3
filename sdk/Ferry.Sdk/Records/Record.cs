namespace Ferry.Sdk.Records;

/// <summary>
/// One row of the frame model: a document with its text, named dense vectors, sparse vectors, typed
/// metadata, record type, collection membership, relationships and provenance. Records are mutable so
/// that transformers can edit them in place; a batch belongs to one stage at a time.
/// </summary>
public sealed class Record
{
    /// <summary>The name of the vector a single-vector source writes to.</summary>
    public const string DefaultVectorName = "default";

    /// <summary>Creates a record with the given id.</summary>
    public Record(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
    }

    /// <summary>The record's id, as the source has it unless an id mode says otherwise.</summary>
    public string Id { get; set; }

    /// <summary>The document text, when the source has one.</summary>
    public string? Text { get; set; }

    /// <summary>The document title, when the source has one.</summary>
    public string? Title { get; set; }

    /// <summary>Named dense float32 vectors; <see cref="DefaultVectorName"/> for a single-vector source.</summary>
    public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>Named sparse vectors.</summary>
    public Dictionary<string, SparseVector> Sparse { get; } = new(StringComparer.Ordinal);

    /// <summary>Typed metadata fields; an absent key means "not set", <see cref="MetadataValue.Null"/> an explicit null.</summary>
    public Dictionary<string, MetadataValue> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>The record's type in the frame model, see <see cref="RecordTypes"/>.</summary>
    public string RecordType { get; set; } = RecordTypes.Document;

    /// <summary>The collection the record belongs to, if any.</summary>
    public string? Collection { get; set; }

    /// <summary>Typed links to other records.</summary>
    public List<Relationship> Relationships { get; } = [];

    /// <summary>Where the record came from.</summary>
    public RecordSource? Source { get; set; }

    /// <summary>The default vector, or <c>null</c> when the record has none.</summary>
    public float[]? Vector
    {
        get => Vectors.TryGetValue(DefaultVectorName, out var v) ? v : null;
        set
        {
            if (value is null)
            {
                Vectors.Remove(DefaultVectorName);
            }
            else
            {
                Vectors[DefaultVectorName] = value;
            }
        }
    }

    /// <summary>A deep copy (vectors and relationship lists are copied; metadata values are immutable and shared).</summary>
    public Record Clone()
    {
        var copy = new Record(Id)
        {
            Text = Text,
            Title = Title,
            RecordType = RecordType,
            Collection = Collection,
            Source = Source,
        };
        foreach (var (name, vector) in Vectors)
        {
            copy.Vectors[name] = (float[])vector.Clone();
        }

        foreach (var (name, sparse) in Sparse)
        {
            copy.Sparse[name] = sparse;
        }

        foreach (var (key, value) in Metadata)
        {
            copy.Metadata[key] = value;
        }

        copy.Relationships.AddRange(Relationships);
        return copy;
    }
}
