namespace Ferry.Frame.Format;

/// <summary>Which parts of a record a read decodes. The id and record type are always read.</summary>
internal sealed class RecordProjection
{
    public static RecordProjection All { get; } = new();

    /// <summary>Everything except dense and sparse vectors (the default of search results).</summary>
    public static RecordProjection NoVectors { get; } = new() { AllVectors = false, Sparse = false };

    public bool Text { get; init; } = true;

    public bool Title { get; init; } = true;

    public bool Source { get; init; } = true;

    public bool Relationships { get; init; } = true;

    public bool Sparse { get; init; } = true;

    public bool AllVectors { get; init; } = true;

    public IReadOnlySet<string>? VectorNames { get; init; }

    public bool AllMetadata { get; init; } = true;

    public IReadOnlySet<string>? MetadataKeys { get; init; }

    public bool IncludesVector(string name) => AllVectors || (VectorNames?.Contains(name) ?? false);

    public bool IncludesMetadata(string key) => AllMetadata || (MetadataKeys?.Contains(key) ?? false);

    /// <summary>
    /// Parses a public projection: <c>text</c>, <c>title</c>, <c>source</c>, <c>relationships</c>, <c>sparse</c>,
    /// <c>vectors</c> (all dense vectors), <c>vector.NAME</c>, <c>metadata</c> (all keys), <c>metadata.KEY</c>.
    /// <c>id</c>, <c>record_type</c> and <c>collection</c> are always included.
    /// </summary>
    public static RecordProjection Parse(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return NoVectors;
        }

        var text = false;
        var title = false;
        var source = false;
        var relationships = false;
        var sparse = false;
        var allVectors = false;
        var allMetadata = false;
        HashSet<string>? vectors = null;
        HashSet<string>? metadata = null;
        foreach (var column in columns)
        {
            switch (column)
            {
                case "id":
                case "record_type":
                case "collection":
                    break;
                case "text": text = true; break;
                case "title": title = true; break;
                case "source": source = true; break;
                case "relationships": relationships = true; break;
                case "sparse": sparse = true; break;
                case "vectors": allVectors = true; break;
                case "metadata": allMetadata = true; break;
                default:
                    if (column.StartsWith(FrameColumns.VectorPrefix, StringComparison.Ordinal))
                    {
                        (vectors ??= new(StringComparer.Ordinal)).Add(column[FrameColumns.VectorPrefix.Length..]);
                    }
                    else if (column.StartsWith(FrameColumns.MetadataPrefix, StringComparison.Ordinal))
                    {
                        (metadata ??= new(StringComparer.Ordinal)).Add(column[FrameColumns.MetadataPrefix.Length..]);
                    }
                    else
                    {
                        throw new ArgumentException($"Unknown column '{column}' in a projection. Use text, title, source, relationships, sparse, vectors, vector.NAME, metadata or metadata.KEY.", nameof(columns));
                    }

                    break;
            }
        }

        return new RecordProjection
        {
            Text = text,
            Title = title,
            Source = source,
            Relationships = relationships,
            Sparse = sparse,
            AllVectors = allVectors,
            VectorNames = vectors,
            AllMetadata = allMetadata,
            MetadataKeys = metadata,
        };
    }
}
