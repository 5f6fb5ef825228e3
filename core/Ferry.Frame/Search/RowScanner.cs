using System.Numerics;
using Ferry.Frame.Manifests;
using Ferry.Sdk.Filtering;

namespace Ferry.Frame.Search;

/// <summary>Finds the live rows of a version that match a filter, fragment by fragment, in parallel.</summary>
internal static class RowScanner
{
    /// <summary>One selection bitmap per fragment of <paramref name="manifest"/> (same order): bit set = live and matching.</summary>
    public static ulong[][] SelectAll(FrameDataset dataset, Manifest manifest, CompiledFilter? filter, string? vectorName)
    {
        var fragments = manifest.Fragments;
        var result = new ulong[fragments.Count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = dataset.Options.MaxDegreeOfParallelism };
        Parallel.For(0, fragments.Count, parallel, i =>
        {
            var fragment = fragments[i];
            var deletions = dataset.Store.LoadDeletions(fragment);
            using var lease = dataset.Store.Open(fragment);
            var vectors = vectorName is null ? null : lease.Reader.Columns.Vector(vectorName);
            result[i] = FragmentFilterRow.Select(filter, lease.Reader, deletions, vectors);
        });

        return result;
    }

    public static List<int> Rows(ReadOnlySpan<ulong> selection)
    {
        var rows = new List<int>();
        for (var w = 0; w < selection.Length; w++)
        {
            var word = selection[w];
            while (word != 0)
            {
                rows.Add((w * 64) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }

        return rows;
    }

    public static long Count(ReadOnlySpan<ulong> selection)
    {
        long count = 0;
        foreach (var word in selection)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
