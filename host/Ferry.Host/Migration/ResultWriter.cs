using System.Globalization;
using System.Text.Json;
using Ferry.Core.Pipeline;
using Ferry.Core.Validation;

namespace Ferry.Host.Migration;

/// <summary>Writes the final summary of a migration, estimate or validation, for people or as one JSON line.</summary>
internal static class ResultWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteText(TextWriter output, MigrationResult r)
    {
        var verb = r.DryRun ? "Dry run: would migrate" : r.Outcome == MigrationOutcome.AlreadyCompleted ? "Nothing to do:" : "Migrated";
        if (r.Outcome == MigrationOutcome.AlreadyCompleted)
        {
            output.WriteLine($"{verb} {r.Message}");
        }
        else
        {
            output.WriteLine($"{verb} {N(r.Migrated)} records from {r.Source}{(r.Target is null ? string.Empty : " to " + r.Target)} in {Seconds(r.Duration)} ({N(r.RecordsPerSecond)} records/s, {(r.BytesPerSecond / 1048576).ToString("N1", Invariant)} MB/s).");
            output.WriteLine($"  read {N(r.Read)} · failed {N(r.Failed)} · skipped {N(r.Skipped)} · filtered {N(r.Filtered)} · retried {N(r.Retries)} · partitions {r.Partitions}");
            if (r.Duplicates > 0)
            {
                output.WriteLine($"  duplicates: {N(r.Duplicates)} records left out because their ids were in the target already (--on-duplicate skip)");
            }
        }

        if (r.Filter is not null)
        {
            output.WriteLine($"  filter: {r.Filter} ({(r.FilterPlacement == FilterPlacement.Source ? "pushed down to the source" : "evaluated in the pipeline")})");
        }

        if (r.Resumed && r.Totals is { } totals && r.Outcome != MigrationOutcome.AlreadyCompleted)
        {
            output.WriteLine($"  resumed: {N(totals.Migrated - r.Migrated)} records were migrated by earlier runs; {N(totals.Migrated)} in total");
        }

        if (r.CheckpointPath is not null)
        {
            output.WriteLine($"  checkpoint: {r.CheckpointPath}");
        }

        if (r.DeadLetters > 0)
        {
            output.WriteLine($"  dead letters: {N(r.DeadLetters)} in {r.DeadLetterPath}");
        }

        foreach (var error in r.FirstErrors)
        {
            output.WriteLine($"    {error}");
        }

        if (r.DryRunReport is { } dry)
        {
            WriteObserved(output, dry.Schema);
            foreach (var example in dry.Examples)
            {
                output.WriteLine($"  would write: {(example.Length > 300 ? example[..300] + "…" : example)}");
            }
        }

        if (r.Message is not null && r.Outcome is not (MigrationOutcome.Completed or MigrationOutcome.CompletedWithFailures or MigrationOutcome.AlreadyCompleted))
        {
            output.WriteLine($"{r.Outcome}: {r.Message}");
        }

        if (r.Validation is { } validation)
        {
            WriteText(output, validation);
        }
    }

    public static void WriteText(TextWriter output, ValidationReport report)
    {
        output.WriteLine($"Validation ({report.Level.ToString().ToLowerInvariant()}): {(report.Passed ? "passed" : "FAILED")} in {Seconds(report.Duration)}");
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {check.Name}: {(check.Passed ? check.Inconclusive ? "?" : "ok" : "FAILED")} {check.Summary}");
            foreach (var mismatch in check.Mismatches)
            {
                output.WriteLine($"    {mismatch}");
            }
        }
    }

    public static void WriteText(TextWriter output, EstimateReport e)
    {
        output.WriteLine($"Estimate for {e.Source}:");
        output.WriteLine($"  records: {(e.Count is { } count ? N(count) + (e.CountBeforeFilter ? $" before the filter (~{N(count * e.FilterSelectivity)} after it, from the sample)" : string.Empty) : "unknown (the source cannot count cheaply)")}");
        foreach (var vector in e.Schema.Vectors)
        {
            output.WriteLine($"  vector '{vector.Name}': dimension {vector.Dimension}, metric {vector.Metric.ToString().ToLowerInvariant()}, {vector.StorageType}");
        }

        WriteObserved(output, e.Observed);
        output.WriteLine($"  sample: {N(e.SampleRead)} records read at {N(e.SampleRecordsPerSecond)} records/s (one partition), {N(e.SampleFailures)} failed, average {N(e.AverageRecordBytes)} bytes per record");
        if (e.ProjectedBytes is { } bytes)
        {
            output.WriteLine($"  projected: {(bytes / 1048576).ToString("N1", Invariant)} MiB in {N(e.ProjectedBatches ?? 0)} batches over {e.Partitions} partition(s)");
        }

        output.WriteLine(e.ProjectedDuration is { } duration
            ? $"  projected read time: {Seconds(duration)} (reading and transforming only; the target's write speed comes on top)"
            : "  projected read time: unknown (no count)");
    }

    private static void WriteObserved(TextWriter output, ObservedSchema schema)
    {
        output.WriteLine($"  observed: {N(schema.Records)} records, {N(schema.WithText)} with text, {N(schema.WithTitle)} with a title");
        foreach (var (name, dims) in schema.Vectors)
        {
            output.WriteLine($"    vector '{name}': dimension {string.Join(", ", dims)}{(dims.Count > 1 ? " (inconsistent!)" : string.Empty)}");
        }

        foreach (var (name, kinds) in schema.Metadata)
        {
            output.WriteLine($"    metadata '{name}': {string.Join(" | ", kinds.Select(k => k.ToString().ToLowerInvariant()))}");
        }
    }

    public static string Json(MigrationResult r)
    {
        return Write(w =>
        {
            w.WriteString("type", "result");
            w.WriteString("outcome", r.Outcome.ToString().ToLowerInvariant());
            w.WriteNumber("exit_code", ExitCodeMapper.For(r));
            if (r.Message is not null)
            {
                w.WriteString("message", r.Message);
            }

            w.WriteString("source", r.Source);
            if (r.Target is not null)
            {
                w.WriteString("target", r.Target);
            }

            w.WriteBoolean("dry_run", r.DryRun);
            w.WriteBoolean("resumed", r.Resumed);
            w.WriteNumber("read", r.Read);
            w.WriteNumber("migrated", r.Migrated);
            w.WriteNumber("failed", r.Failed);
            w.WriteNumber("skipped", r.Skipped);
            w.WriteNumber("filtered", r.Filtered);
            w.WriteNumber("duplicates", r.Duplicates);
            w.WriteNumber("retried", r.Retries);
            w.WriteNumber("bytes_read", r.BytesRead);
            w.WriteNumber("duration_s", Math.Round(r.Duration.TotalSeconds, 3));
            w.WriteNumber("migration_s", Math.Round(r.MigrationDuration.TotalSeconds, 3));
            w.WriteNumber("records_per_s", Math.Round(r.RecordsPerSecond, 1));
            w.WriteNumber("mb_per_s", Math.Round(r.BytesPerSecond / 1048576, 3));
            w.WriteNumber("partitions", r.Partitions);
            if (r.Filter is not null)
            {
                w.WriteString("filter", r.Filter);
                w.WriteString("filter_placement", r.FilterPlacement.ToString().ToLowerInvariant());
            }

            if (r.CheckpointPath is not null)
            {
                w.WriteString("checkpoint", r.CheckpointPath);
            }

            if (r.DeadLetterPath is not null)
            {
                w.WriteString("dead_letter", r.DeadLetterPath);
            }

            w.WriteNumber("dead_letters", r.DeadLetters);
            w.WriteStartArray("errors");
            foreach (var error in r.FirstErrors)
            {
                w.WriteStringValue(error);
            }

            w.WriteEndArray();
            if (r.Totals is { } t)
            {
                w.WriteStartObject("totals");
                w.WriteNumber("read", t.Read);
                w.WriteNumber("migrated", t.Migrated);
                w.WriteNumber("failed", t.Failed);
                w.WriteNumber("skipped", t.Skipped);
                w.WriteNumber("filtered", t.Filtered);
                w.WriteNumber("duplicates", t.Duplicates);
                w.WriteEndObject();
            }

            if (r.DryRunReport is { } dry)
            {
                w.WritePropertyName("observed");
                WriteObserved(w, dry.Schema);
                w.WriteStartArray("examples");
                foreach (var example in dry.Examples)
                {
                    w.WriteRawValue(example);
                }

                w.WriteEndArray();
            }

            if (r.Validation is { } validation)
            {
                w.WritePropertyName("validation");
                WriteValidation(w, validation);
            }
        });
    }

    public static string Json(ValidationReport report) => Write(w =>
    {
        w.WriteString("type", "validation");
        w.WriteNumber("exit_code", report.Passed ? ExitCodes.Success : ExitCodes.ValidationFailed);
        w.WritePropertyName("validation");
        WriteValidation(w, report);
    });

    public static string Json(EstimateReport e) => Write(w =>
    {
        w.WriteString("type", "estimate");
        w.WriteString("source", e.Source);
        if (e.Count is { } count)
        {
            w.WriteNumber("count", count);
        }
        else
        {
            w.WriteNull("count");
        }

        w.WriteBoolean("count_before_filter", e.CountBeforeFilter);
        w.WriteNumber("filter_selectivity", Math.Round(e.FilterSelectivity, 6));
        w.WriteStartArray("vectors");
        foreach (var vector in e.Schema.Vectors)
        {
            w.WriteStartObject();
            w.WriteString("name", vector.Name);
            w.WriteNumber("dimension", vector.Dimension);
            w.WriteString("metric", vector.Metric.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("observed");
        WriteObserved(w, e.Observed);
        w.WriteNumber("sample_read", e.SampleRead);
        w.WriteNumber("sample_records", e.SampleRecords);
        w.WriteNumber("sample_failures", e.SampleFailures);
        w.WriteNumber("average_record_bytes", Math.Round(e.AverageRecordBytes, 1));
        w.WriteNumber("sample_records_per_s", Math.Round(e.SampleRecordsPerSecond, 1));
        w.WriteNumber("partitions", e.Partitions);
        if (e.ProjectedBytes is { } bytes)
        {
            w.WriteNumber("projected_bytes", Math.Round(bytes));
        }

        if (e.ProjectedBatches is { } batches)
        {
            w.WriteNumber("projected_batches", batches);
        }

        if (e.ProjectedDuration is { } duration)
        {
            w.WriteNumber("projected_read_s", Math.Round(duration.TotalSeconds, 3));
        }
    });

    private static void WriteObserved(Utf8JsonWriter w, ObservedSchema schema)
    {
        w.WriteStartObject();
        w.WriteNumber("records", schema.Records);
        w.WriteNumber("with_text", schema.WithText);
        w.WriteNumber("with_title", schema.WithTitle);
        w.WriteStartObject("vectors");
        foreach (var (name, dims) in schema.Vectors)
        {
            w.WriteStartArray(name);
            foreach (var dim in dims)
            {
                w.WriteNumberValue(dim);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteStartObject("metadata");
        foreach (var (name, kinds) in schema.Metadata)
        {
            w.WriteStartArray(name);
            foreach (var kind in kinds)
            {
                w.WriteStringValue(kind.ToString().ToLowerInvariant());
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteValidation(Utf8JsonWriter w, ValidationReport report)
    {
        w.WriteStartObject();
        w.WriteString("level", report.Level.ToString().ToLowerInvariant());
        w.WriteBoolean("passed", report.Passed);
        w.WriteNumber("duration_s", Math.Round(report.Duration.TotalSeconds, 3));
        w.WriteStartArray("checks");
        foreach (var check in report.Checks)
        {
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteBoolean("passed", check.Passed);
            w.WriteBoolean("inconclusive", check.Inconclusive);
            w.WriteString("summary", check.Summary);
            w.WriteNumber("compared", check.Compared);
            w.WriteNumber("missing", check.Missing);
            w.WriteNumber("different", check.Different);
            w.WriteNumber("duration_s", Math.Round(check.Duration.TotalSeconds, 3));
            w.WriteStartObject("measures");
            foreach (var (key, value) in check.Measures)
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("mismatches");
            foreach (var mismatch in check.Mismatches)
            {
                w.WriteStartObject();
                w.WriteString("id", mismatch.Id);
                w.WriteBoolean("missing", mismatch.Missing);
                w.WriteStartArray("differences");
                foreach (var difference in mismatch.Differences)
                {
                    w.WriteStartObject();
                    w.WriteString("field", difference.Field);
                    w.WriteString("expected", difference.Expected);
                    w.WriteString("actual", difference.Actual);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string N(double value) => value.ToString("N0", Invariant);

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds < 60
        ? duration.TotalSeconds.ToString("0.0", Invariant) + " s"
        : duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", Invariant);
}
