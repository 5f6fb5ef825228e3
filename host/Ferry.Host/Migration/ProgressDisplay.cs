using System.Globalization;
using System.Text.Json;
using Ferry.Core.Progress;
using Spectre.Console;

namespace Ferry.Host.Migration;

/// <summary>
/// Shows a run's progress while it works: a Spectre.Console progress bar in a terminal (records/s, MB/s, ETA,
/// errors, retries), JSON lines with <c>--json</c>, or a plain line on standard error every so often otherwise.
/// </summary>
internal static class ProgressDisplay
{
    public static OutputMode Choose(CliContext context, bool json)
    {
        if (json)
        {
            return OutputMode.Json;
        }

        return ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? OutputMode.Terminal
            : OutputMode.Plain;
    }

    public static async Task<T> RunAsync<T>(CliContext context, OutputMode mode, MigrationProgress progress, TimeSpan interval, string label, Func<Task<T>> work)
    {
        switch (mode)
        {
            case OutputMode.Terminal:
                return await AnsiConsole.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(label, autoStart: true);
                        var run = work();
                        while (!run.IsCompleted)
                        {
                            Update(task, progress.Snapshot(), label);
                            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250))).ConfigureAwait(false);
                        }

                        Update(task, progress.Snapshot(), label);
                        task.StopTask();
                        return await run.ConfigureAwait(false);
                    }).ConfigureAwait(false);
            case OutputMode.Json:
                return await Loop(work, interval, () => context.Output.WriteLine(JsonLine(progress.Snapshot()))).ConfigureAwait(false);
            default:
                return await Loop(work, interval, () =>
                {
                    var snapshot = progress.Snapshot();
                    if (snapshot.Phase is MigrationPhase.Migrating or MigrationPhase.Validating)
                    {
                        context.Error.WriteLine($"{label}: {Describe(snapshot)}");
                    }
                }).ConfigureAwait(false);
        }
    }

    private static async Task<T> Loop<T>(Func<Task<T>> work, TimeSpan interval, Action tick)
    {
        var run = work();
        while (!run.IsCompleted)
        {
            var finished = await Task.WhenAny(run, Task.Delay(interval)).ConfigureAwait(false);
            if (finished != run)
            {
                tick();
            }
        }

        return await run.ConfigureAwait(false);
    }

    private static void Update(ProgressTask task, ProgressSnapshot snapshot, string label)
    {
        if (snapshot.Total is { } total && total > 0)
        {
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = Math.Min(total, snapshot.Read);
        }
        else
        {
            task.IsIndeterminate = snapshot.Phase != MigrationPhase.Completed;
            if (snapshot.Phase == MigrationPhase.Completed)
            {
                task.MaxValue = Math.Max(1, snapshot.Read);
                task.Value = task.MaxValue;
            }
        }

        task.Description = Markup.Escape($"{label} {snapshot.Phase.ToString().ToLowerInvariant()}: {Describe(snapshot)}");
    }

    /// <summary>One line: counts, rates, ETA, errors, retries.</summary>
    public static string Describe(ProgressSnapshot s)
    {
        var parts = new List<string>(8)
        {
            $"{s.Read.ToString("N0", CultureInfo.InvariantCulture)} read",
            $"{s.Written.ToString("N0", CultureInfo.InvariantCulture)} written",
            $"{s.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} rec/s",
            $"{(s.BytesPerSecond / 1048576).ToString("N1", CultureInfo.InvariantCulture)} MB/s",
        };
        if (s.Eta is { } eta)
        {
            parts.Add($"ETA {(eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : eta.ToString(@"m\:ss", CultureInfo.InvariantCulture))}");
        }

        parts.Add($"errors {(s.Failed + s.Skipped).ToString("N0", CultureInfo.InvariantCulture)}");
        parts.Add($"retries {s.Retries.ToString("N0", CultureInfo.InvariantCulture)}");
        if (s.Filtered > 0)
        {
            parts.Add($"filtered {s.Filtered.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>A progress line for <c>--json</c>.</summary>
    public static string JsonLine(ProgressSnapshot s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "progress");
            w.WriteString("phase", s.Phase.ToString().ToLowerInvariant());
            w.WriteNumber("elapsed_s", Math.Round(s.Elapsed.TotalSeconds, 3));
            w.WriteNumber("read", s.Read);
            w.WriteNumber("written", s.Written);
            w.WriteNumber("failed", s.Failed);
            w.WriteNumber("skipped", s.Skipped);
            w.WriteNumber("filtered", s.Filtered);
            w.WriteNumber("retries", s.Retries);
            w.WriteNumber("resumed", s.ResumedRecords);
            w.WriteNumber("records_per_s", Math.Round(s.RecordsPerSecond, 1));
            w.WriteNumber("mb_per_s", Math.Round(s.BytesPerSecond / 1048576, 3));
            if (s.Total is { } total)
            {
                w.WriteNumber("total", total);
            }

            if (s.Eta is { } eta)
            {
                w.WriteNumber("eta_s", Math.Round(eta.TotalSeconds, 1));
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
