using Ferry.Frame.Search.TopK;
using Xunit;

namespace Ferry.Frame.Tests.Search.TopK;

public sealed class TopKCollectorTests
{
    public static TheoryData<ScoreOrder, int> OrdersAndKs()
    {
        var data = new TheoryData<ScoreOrder, int>();
        foreach (ScoreOrder order in Enum.GetValues<ScoreOrder>())
        {
            foreach (int k in new[] { 0, 1, 2, 7, 10, 64, 999, 1000, 1001, 5000 })
            {
                data.Add(order, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrdersAndKs))]
    public void AddScores_ManyTiesAndNaN_MatchesFullSort(ScoreOrder order, int k)
    {
        var random = new Random(k * 3 + (int)order);
        // Few distinct values: most rows tie with others, so the row-key tie-break decides membership.
        float[] scores = Enumerable.Range(0, 1000)
            .Select(_ => random.Next(10) == 0 ? float.NaN : random.Next(-20, 20) / 4f)
            .ToArray();
        scores[17] = -0f;
        scores[18] = 0f;
        var collector = new TopKCollector(k, order);
        collector.AddScores(scores, firstRowKey: 1_000);
        Assert.Equal(FullSort(scores, k, order, 1_000), collector.ToSortedArray());
        Assert.Equal(Math.Min(k, scores.Count(s => !float.IsNaN(s))), collector.Count);
    }

    [Theory]
    [MemberData(nameof(OrdersAndKs))]
    public void TryAdd_ShuffledOrder_SameResultAsInOrder(ScoreOrder order, int k)
    {
        var random = new Random(k + 11);
        float[] scores = Enumerable.Range(0, 1000).Select(_ => (float)random.Next(50)).ToArray();
        int[] rows = Enumerable.Range(0, scores.Length).ToArray();
        random.Shuffle(rows);
        var collector = new TopKCollector(k, order);
        foreach (int row in rows)
        {
            collector.TryAdd(row, scores[row]);
        }

        Assert.Equal(FullSort(scores, k, order, 0), collector.ToSortedArray());
    }

    [Theory]
    [MemberData(nameof(OrdersAndKs))]
    public void Merge_RandomSplits_SameResultAsOneCollector(ScoreOrder order, int k)
    {
        var random = new Random(k + 29);
        float[] scores = Enumerable.Range(0, 1000).Select(_ => random.Next(30) / 3f).ToArray();
        var merged = new TopKCollector(k, order);
        int start = 0;
        var parts = new List<TopKCollector>();
        while (start < scores.Length)
        {
            int length = Math.Min(scores.Length - start, random.Next(1, 200));
            var part = new TopKCollector(k, order);
            part.AddScores(scores.AsSpan(start, length), start);
            parts.Add(part);
            start += length;
        }

        // Merge in reverse order: later ranges first must not change the outcome.
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            merged.Merge(parts[i]);
        }

        Assert.Equal(FullSort(scores, k, order, 0), merged.ToSortedArray());
    }

    [Fact]
    public void TryAdd_EqualScores_SmallerRowKeyWins()
    {
        var collector = new TopKCollector(2, ScoreOrder.HigherIsBetter);
        Assert.True(collector.TryAdd(9, 1f));
        Assert.True(collector.TryAdd(8, 1f));
        Assert.True(collector.TryAdd(3, 1f));   // evicts 9
        Assert.False(collector.TryAdd(10, 1f)); // loses to 3 and 8
        Assert.True(collector.TryAdd(5, 1f));   // evicts 8
        Assert.True(collector.TryAdd(4, 1f));   // evicts 5
        Assert.False(collector.TryAdd(4, 1f));  // the same key again is not a better row
        Assert.Equal([new ScoredRow(3, 1f), new ScoredRow(4, 1f)], collector.ToSortedArray());
    }

    [Fact]
    public void LowerIsBetter_KeepsSmallestScores_BitExact()
    {
        var collector = new TopKCollector(3, ScoreOrder.LowerIsBetter);
        collector.AddScores([5f, 0.1f, float.PositiveInfinity, 3f, 0.30000001f, float.NaN, -0f], 0);
        Assert.Equal([new ScoredRow(6, -0f), new ScoredRow(1, 0.1f), new ScoredRow(4, 0.30000001f)], collector.ToSortedArray());
        Assert.True(float.IsNegative(collector.ToSortedArray()[0].Score));
        Assert.Equal(0.30000001f, collector.Threshold);
    }

    [Fact]
    public void Threshold_BeforeAndAfterFull_ReportsEntryBar()
    {
        var higher = new TopKCollector(2, ScoreOrder.HigherIsBetter);
        Assert.Equal(float.NegativeInfinity, higher.Threshold);
        higher.TryAdd(0, 5f);
        higher.TryAdd(1, 7f);
        Assert.True(higher.IsFull);
        Assert.Equal(5f, higher.Threshold);
        Assert.Equal(float.PositiveInfinity, new TopKCollector(0, ScoreOrder.HigherIsBetter).Threshold);
        Assert.Equal(float.PositiveInfinity, new TopKCollector(3, ScoreOrder.LowerIsBetter).Threshold);
    }

    [Fact]
    public void HugeK_FewRows_KeepsAllWithoutReservingK()
    {
        var collector = new TopKCollector(int.MaxValue, ScoreOrder.HigherIsBetter);
        collector.AddScores([3f, 1f, 2f], 0);
        Assert.Equal([new ScoredRow(0, 3f), new ScoredRow(2, 2f), new ScoredRow(1, 1f)], collector.ToSortedArray());
        Assert.False(collector.IsFull);
    }

    [Fact]
    public void Select_KLargerThanScores_ReturnsAllSorted()
    {
        ScoredRow[] top = TopKCollector.Select([1f, 4f, float.NaN, 2f], 10, ScoreOrder.HigherIsBetter, firstRowKey: 100);
        Assert.Equal([new ScoredRow(101, 4f), new ScoredRow(103, 2f), new ScoredRow(100, 1f)], top);
    }

    [Fact]
    public void Clear_ThenReuse_StartsEmpty()
    {
        var collector = new TopKCollector(2, ScoreOrder.HigherIsBetter);
        collector.AddScores([1f, 2f, 3f], 0);
        collector.Clear();
        Assert.Equal(0, collector.Count);
        collector.TryAdd(7, -1f);
        Assert.Equal([new ScoredRow(7, -1f)], collector.ToSortedArray());
    }

    [Fact]
    public void InvalidUse_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCollector(-1, ScoreOrder.HigherIsBetter));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCollector(1, (ScoreOrder)5));
        var higher = new TopKCollector(1, ScoreOrder.HigherIsBetter);
        Assert.Throws<ArgumentException>(() => higher.Merge(new TopKCollector(1, ScoreOrder.LowerIsBetter)));
        Assert.Throws<ArgumentException>(() => higher.Merge(higher));
        higher.TryAdd(0, 1f);
        Assert.Throws<ArgumentException>(() => higher.CopySortedTo(Span<ScoredRow>.Empty));
    }

    [Fact]
    public void RowKeys_ComposeAndSplit_OrderIsFragmentThenRow()
    {
        long a = RowKeys.Compose(3, 262_143);
        long b = RowKeys.Compose(4, 0);
        Assert.True(a < b);
        Assert.Equal(3, RowKeys.FragmentId(a));
        Assert.Equal(262_143, RowKeys.Row(a));
        Assert.Equal(int.MaxValue, RowKeys.Row(RowKeys.Compose(int.MaxValue, int.MaxValue)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowKeys.Compose(-1, 0));
    }

    internal static ScoredRow[] FullSort(float[] scores, int k, ScoreOrder order, long firstRowKey)
    {
        var rows = new List<ScoredRow>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsNaN(scores[i]))
            {
                rows.Add(new ScoredRow(firstRowKey + i, scores[i]));
            }
        }

        IOrderedEnumerable<ScoredRow> sorted = order == ScoreOrder.HigherIsBetter
            ? rows.OrderByDescending(r => r.Score)
            : rows.OrderBy(r => r.Score);
        return sorted.ThenBy(r => r.RowKey).Take(k).ToArray();
    }
}
