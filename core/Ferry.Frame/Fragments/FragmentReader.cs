using Ferry.Arrow;
using Ferry.Frame.Format;
using Ferry.Frame.Search.Kernels;

namespace Ferry.Frame.Fragments;

/// <summary>
/// An open fragment: its record batch (pointing into the memory-mapped file) and resolved columns, plus per-vector
/// row norms computed once on the first cosine search. Owned by <see cref="FragmentCache"/>; used through leases.
/// </summary>
internal sealed class FragmentReader : IDisposable
{
    private readonly IDisposable? _owner;
    private readonly Dictionary<string, float[]> _norms = new(StringComparer.Ordinal);
    private readonly Lock _normsLock = new();

    public FragmentReader(string path, RecordBatch batch, IDisposable? owner)
    {
        Path = path;
        Batch = batch;
        Columns = new FragmentColumnSet(batch);
        _owner = owner;
    }

    public string Path { get; }

    public RecordBatch Batch { get; }

    public FragmentColumnSet Columns { get; }

    public int Rows => Batch.Length;

    /// <summary>The L2 norm of every row of a vector column (0 for null rows), computed once.</summary>
    public float[] GetNorms(string vectorName, FixedSizeListArray column)
    {
        lock (_normsLock)
        {
            if (_norms.TryGetValue(vectorName, out var cached))
            {
                return cached;
            }
        }

        var norms = new float[column.Length];
        VectorKernels.Norms(column.GetAllValues<float>(), column.ListSize, norms);

        lock (_normsLock)
        {
            _norms[vectorName] = norms;
        }

        return norms;
    }

    public void Dispose() => _owner?.Dispose();
}
