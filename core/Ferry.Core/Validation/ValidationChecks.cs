using System.Buffers.Binary;
using System.Globalization;
using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>The individual checks; the engine decides which run and where their inputs come from.</summary>
internal static class ValidationChecks
{
    /// <summary>Ids looked up in the target per call.</summary>
    public const int LookupBatchSize = 4096;

    public static async ValueTask<ValidationCheck> CountAsync(long expected, string expectedWhat, TargetReader target, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var actual = await target.CountAsync(cancellationToken).ConfigureAwait(false);
        var measures = new Dictionary<string, double> { ["expected"] = expected };
        if (actual is null)
        {
            return new ValidationCheck
            {
                Name = "count",
                Passed = true,
                Inconclusive = true,
                Summary = $"not checked: the target cannot count its records ({expected.ToString("N0", CultureInfo.InvariantCulture)} expected)",
                Measures = measures,
                Duration = time.GetElapsedTime(start),
            };
        }

        measures["actual"] = actual.Value;
        var passed = actual.Value == expected;
        var summary = passed
            ? $"{actual.Value.ToString("N0", CultureInfo.InvariantCulture)} records in the target, as expected"
            : actual.Value < expected
                ? $"the target has {actual.Value.ToString("N0", CultureInfo.InvariantCulture)} records, {expected.ToString("N0", CultureInfo.InvariantCulture)} expected ({expectedWhat}): {(expected - actual.Value).ToString("N0", CultureInfo.InvariantCulture)} missing, or duplicate ids in the source overwrote each other"
                : $"the target has {actual.Value.ToString("N0", CultureInfo.InvariantCulture)} records, {expected.ToString("N0", CultureInfo.InvariantCulture)} expected ({expectedWhat}): {(actual.Value - expected).ToString("N0", CultureInfo.InvariantCulture)} extra (data that was there before, or duplicates)";
        return new ValidationCheck { Name = "count", Passed = passed, Summary = summary, Compared = expected, Measures = measures, Duration = time.GetElapsedTime(start) };
    }

    public static async ValueTask<ValidationCheck> SampleAsync(IReadOnlyList<Record> sample, TargetReader target, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var collector = new MismatchCollector();
        for (var offset = 0; offset < sample.Count; offset += LookupBatchSize)
        {
            var count = Math.Min(LookupBatchSize, sample.Count - offset);
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = sample[offset + i].Id;
            }

            var found = await target.ReadAsync(ids, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var expected = sample[offset + i];
                if (!found.TryGetValue(expected.Id, out var actual))
                {
                    collector.Add(new RecordMismatch(expected.Id, Missing: true, []));
                    continue;
                }

                var differences = RecordDiff.Compare(expected, actual);
                if (differences.Count == 0)
                {
                    collector.Matched(1);
                }
                else
                {
                    collector.Add(new RecordMismatch(expected.Id, Missing: false, differences));
                }
            }
        }

        return Result("sample", collector, time.GetElapsedTime(start), what: "sampled records");
    }

    /// <summary>Compares a batch of source records (with their checksums) with the target, keeping field diffs for mismatches.</summary>
    public static async ValueTask CompareBatchAsync(IReadOnlyList<Record> records, byte[] checksums, TargetReader target, MismatchCollector collector, CancellationToken cancellationToken)
    {
        var actualChecksum = new byte[RecordChecksum.Size];
        for (var offset = 0; offset < records.Count; offset += LookupBatchSize)
        {
            var count = Math.Min(LookupBatchSize, records.Count - offset);
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = records[offset + i].Id;
            }

            var found = await target.ReadAsync(ids, cancellationToken).ConfigureAwait(false);
            var matched = 0;
            for (var i = 0; i < count; i++)
            {
                var expected = records[offset + i];
                if (!found.TryGetValue(expected.Id, out var actual))
                {
                    collector.Add(new RecordMismatch(expected.Id, Missing: true, []));
                    continue;
                }

                RecordChecksum.Compute(actual, actualChecksum);
                if (actualChecksum.AsSpan().SequenceEqual(checksums.AsSpan((offset + i) * RecordChecksum.Size, RecordChecksum.Size)))
                {
                    matched++;
                }
                else
                {
                    collector.Add(new RecordMismatch(expected.Id, Missing: false, RecordDiff.Compare(expected, actual)));
                }
            }

            collector.Matched(matched);
        }
    }

    /// <summary>Compares the checksum log written during the migration with the target, with a few lookups in flight.</summary>
    public static async ValueTask<ValidationCheck> FullFromLogAsync(string path, long length, TargetReader target, int parallelism, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var collector = new MismatchCollector();
        await CompareLogAsync(path, 0, length, target, collector, parallelism, cancellationToken).ConfigureAwait(false);
        return Result("full", collector, time.GetElapsedTime(start), what: "records");
    }

    /// <summary>Compares the log entries between two durable lengths with the target.</summary>
    public static async ValueTask CompareLogAsync(string path, long from, long to, TargetReader target, MismatchCollector collector, int parallelism, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ChecksumLog.ReadAsync(path, from, to, LookupBatchSize, cancellationToken), options, async (batch, ct) =>
        {
            var ids = new string[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                ids[i] = batch[i].Id;
            }

            var found = await target.ReadChecksumsAsync(ids, ct).ConfigureAwait(false);
            CompareChecksums(batch, found, collector);
        }).ConfigureAwait(false);
    }

    private static void CompareChecksums(IReadOnlyList<(string Id, byte[] Checksum)> batch, IReadOnlyDictionary<string, UInt128> found, MismatchCollector collector)
    {
        var matched = 0;
        foreach (var (id, expected) in batch)
        {
            if (!found.TryGetValue(id, out var actual))
            {
                collector.Add(new RecordMismatch(id, Missing: true, []));
                continue;
            }

            if (actual == BinaryPrimitives.ReadUInt128LittleEndian(expected))
            {
                matched++;
            }
            else
            {
                collector.Add(new RecordMismatch(id, Missing: false, []));
            }
        }

        collector.Matched(matched);
    }

    public static ValidationCheck Result(string name, MismatchCollector collector, TimeSpan duration, string what)
    {
        var compared = collector.Compared;
        var bad = collector.Missing + collector.Different;
        var summary = bad == 0
            ? $"{compared.ToString("N0", CultureInfo.InvariantCulture)} {what} identical in source and target"
            : $"{bad.ToString("N0", CultureInfo.InvariantCulture)} of {compared.ToString("N0", CultureInfo.InvariantCulture)} {what} differ: {collector.Missing.ToString("N0", CultureInfo.InvariantCulture)} missing, {collector.Different.ToString("N0", CultureInfo.InvariantCulture)} with different content";
        return new ValidationCheck
        {
            Name = name,
            Passed = bad == 0,
            Summary = summary,
            Compared = compared,
            Missing = collector.Missing,
            Different = collector.Different,
            Mismatches = collector.Kept,
            Duration = duration,
        };
    }

    /// <summary>Runs sample queries on both sides and measures the top-k overlap.</summary>
    public static async ValueTask<ValidationCheck> SearchAsync(
        SourceConnector source,
        ResilientCalls sourceCalls,
        TargetReader target,
        IReadOnlyList<Record> queries,
        Func<string, string?> mapSourceId,
        Ferry.Sdk.Filtering.FilterExpression? filter,
        int k,
        double minOverlap,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        double total = 0;
        var worst = 1.0;
        var run = 0;
        var lowest = new List<RecordMismatch>();
        foreach (var query in queries)
        {
            string? vectorName = null;
            float[]? vector = null;
            foreach (var (name, values) in query.Vectors)
            {
                if (vectorName is null || string.CompareOrdinal(name, vectorName) < 0 || name == Record.DefaultVectorName)
                {
                    vectorName = name;
                    vector = values;
                    if (name == Record.DefaultVectorName)
                    {
                        break;
                    }
                }
            }

            if (vector is null || vectorName is null)
            {
                continue;
            }

            var request = new SearchRequest(vectorName, vector, k) { Filter = filter };
            var sourceHits = await sourceCalls.ExecuteAsync(ExternalCall.Search, ct => source.SearchAsync(request, ct), cancellationToken).ConfigureAwait(false);
            var targetHits = await target.Calls.ExecuteAsync(ExternalCall.Search, ct => target.Sink.SearchAsync(request with { Filter = null }, ct), cancellationToken).ConfigureAwait(false);
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hit in sourceHits)
            {
                if (mapSourceId(hit.Id) is { } mapped)
                {
                    expected.Add(mapped);
                }
            }

            var common = 0;
            foreach (var hit in targetHits)
            {
                if (expected.Contains(hit.Id))
                {
                    common++;
                }
            }

            var denominator = Math.Max(1, Math.Min(k, Math.Max(expected.Count, targetHits.Count)));
            var overlap = (double)common / denominator;
            total += overlap;
            run++;
            if (overlap < worst)
            {
                worst = overlap;
            }

            if (overlap < 1 && lowest.Count < 20)
            {
                lowest.Add(new RecordMismatch(query.Id, Missing: false, [new FieldDifference($"top-{k} of '{query.Id}'", $"{expected.Count} hits", $"{common} in common ({overlap.ToString("P0", CultureInfo.InvariantCulture)})")]));
            }
        }

        var mean = run == 0 ? 1 : total / run;
        var passed = run > 0 && mean >= minOverlap;
        return new ValidationCheck
        {
            Name = "search",
            Passed = passed,
            Inconclusive = run == 0,
            Summary = run == 0
                ? "not checked: no sample record has a vector to query with"
                : $"mean top-{k} overlap {mean.ToString("P1", CultureInfo.InvariantCulture)} over {run} queries (worst {worst.ToString("P0", CultureInfo.InvariantCulture)}, required {minOverlap.ToString("P0", CultureInfo.InvariantCulture)})",
            Compared = run,
            Mismatches = lowest,
            Measures = new Dictionary<string, double> { ["mean_overlap"] = mean, ["min_overlap"] = worst, ["queries"] = run },
            Duration = time.GetElapsedTime(start),
        };
    }
}
