using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>Collects an <see cref="ObservedSchema"/> from batches seen by several workers.</summary>
internal sealed class SchemaObserver
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SortedSet<int>> _vectors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<MetadataKind>> _metadata = new(StringComparer.Ordinal);
    private long _records;
    private long _text;
    private long _title;

    public void Observe(IReadOnlyList<Record> records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                _records++;
                if (record.Text is not null)
                {
                    _text++;
                }

                if (record.Title is not null)
                {
                    _title++;
                }

                foreach (var (name, vector) in record.Vectors)
                {
                    if (!_vectors.TryGetValue(name, out var dims))
                    {
                        _vectors[name] = dims = [];
                    }

                    dims.Add(vector.Length);
                }

                foreach (var (key, value) in record.Metadata)
                {
                    if (!_metadata.TryGetValue(key, out var kinds))
                    {
                        _metadata[key] = kinds = [];
                    }

                    kinds.Add(value.Kind);
                }
            }
        }
    }

    public ObservedSchema ToSchema()
    {
        lock (_gate)
        {
            return new ObservedSchema
            {
                Records = _records,
                WithText = _text,
                WithTitle = _title,
                Vectors = _vectors.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value.ToArray(), StringComparer.Ordinal),
                Metadata = _metadata.ToDictionary(p => p.Key, p => (IReadOnlyList<MetadataKind>)p.Value.ToArray(), StringComparer.Ordinal),
            };
        }
    }
}
