using Ferry.Arrow;
using Ferry.Frame.Format;
using Ferry.Frame.Fragments;
using Ferry.Frame.Manifests;
using Ferry.Frame.Search;
using Ferry.Frame.Search.Kernels;
using Ferry.Frame.Search.TopK;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;

namespace Ferry.Frame;

public sealed partial class FrameDataset
{
    /// <summary>Rows per unit of parallel work: a multiple of 64 (one selection word) large enough to amortize scheduling.</summary>
    private const int SearchChunkRows = 32 * 1024;

    /// <summary>
    /// Exact top-k search (format.md, section 10): every live row of this version with a vector and passing the filter
    /// is scored with the SIMD kernels, in parallel row ranges across fragments, and the k best are returned, best first,
    /// ties by storage order. Rows failing the filter are never scored. Vectors are read in place from the mapped files.
    /// </summary>
    public ValueTask<IReadOnlyList<FrameSearchHit>> SearchAsync(FrameSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Vector);
        ArgumentOutOfRangeException.ThrowIfNegative(request.K);
        ThrowIfDisposed();
        var manifest = _manifest;
        var field = ResolveVectorField(manifest, request.VectorName);
        if (request.Vector.Length != field.Dimension)
        {
            throw new ArgumentException($"The query has {request.Vector.Length} components; vector field '{field.Name}' has dimension {field.Dimension}.", nameof(request));
        }

        var metric = request.Metric ?? field.Metric;
        var projection = RecordProjection.Parse(request.Columns);
        var filter = request.Filter is null ? null : FilterEvaluator.Compile(request.Filter);
        if (request.K == 0 || manifest.Fragments.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<FrameSearchHit>>([]);
        }

        var fragments = manifest.Fragments;
        var leases = new FragmentLease?[fragments.Count];
        try
        {
            var plans = new FragmentPlan?[fragments.Count];
            var chunks = new List<(int Fragment, int Start, int Count)>();
            for (var i = 0; i < fragments.Count; i++)
            {
                leases[i] = _store.Open(fragments[i]);
                var reader = leases[i]!.Reader;
                var column = reader.Columns.Vector(field.Name);
                if (column is null)
                {
                    continue;
                }

                var deletions = _store.LoadDeletions(fragments[i]);
                var norms = metric == DistanceMetric.Cosine ? reader.GetNorms(field.Name, column) : null;
                plans[i] = new FragmentPlan(reader, column, deletions, norms);
                for (var start = 0; start < reader.Rows; start += SearchChunkRows)
                {
                    chunks.Add((i, start, Math.Min(SearchChunkRows, reader.Rows - start)));
                }
            }

            var order = metric.ScoreOrder();
            var result = new TopKCollector(request.K, order);
            var query = request.Vector;
            var dimension = field.Dimension;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(
                0,
                chunks.Count,
                parallel,
                () => new TopKCollector(request.K, order),
                (c, _, collector) =>
                {
                    var (fragmentIndex, start, count) = chunks[c];
                    var plan = plans[fragmentIndex]!;
                    ulong[]? selection = null;
                    if (filter is not null || !plan.Deletions.IsEmpty || plan.Column.NullCount > 0)
                    {
                        selection = FragmentFilterRow.Select(filter, plan.Reader, plan.Deletions, plan.Column, start, count);
                    }

                    var matrix = plan.Column.GetAllValues<float>().Slice(start * dimension, count * dimension);
                    var norms = plan.Norms is null ? default : plan.Norms.AsSpan(start, count);
                    ExactScan.ScanInto(collector, metric, query, matrix, RowKeys.Compose(fragmentIndex, start), selection, norms);
                    return collector;
                },
                collector =>
                {
                    lock (result)
                    {
                        result.Merge(collector);
                    }
                });

            var best = result.ToSortedArray();
            var hits = new FrameSearchHit[best.Length];
            for (var i = 0; i < best.Length; i++)
            {
                var fragmentIndex = RowKeys.FragmentId(best[i].RowKey);
                var row = RowKeys.Row(best[i].RowKey);
                var record = plans[fragmentIndex]!.Reader.Columns.ReadRecord(row, projection);
                double score = best[i].Score;
                if (metric == DistanceMetric.L2)
                {
                    // The kernels rank by squared distance; report the Euclidean distance.
                    score = Math.Sqrt(Math.Max(0, score));
                }

                hits[i] = new FrameSearchHit(record.Id, score, record);
            }

            return ValueTask.FromResult<IReadOnlyList<FrameSearchHit>>(hits);
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease?.Dispose();
            }
        }
    }

    private static VectorEntry ResolveVectorField(Manifest manifest, string? name)
    {
        var vectors = manifest.Schema.Vectors;
        if (name is not null)
        {
            return manifest.Schema.FindVector(name)
                ?? throw new ArgumentException($"The dataset has no vector field '{name}'.", nameof(name));
        }

        if (vectors.Count == 1)
        {
            return vectors[0];
        }

        return manifest.Schema.FindVector(Sdk.Records.Record.DefaultVectorName)
            ?? throw new ArgumentException(vectors.Count == 0
                ? "The dataset has no vector field."
                : $"The dataset has several vector fields ({string.Join(", ", vectors.Select(v => v.Name))}); name the one to search.", nameof(name));
    }

    private sealed record FragmentPlan(FragmentReader Reader, FixedSizeListArray Column, DeletionSet Deletions, float[]? Norms);
}
