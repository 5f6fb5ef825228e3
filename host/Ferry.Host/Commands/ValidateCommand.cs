using System.CommandLine;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Host.Migration;

namespace Ferry.Host.Commands;

/// <summary><c>ferry validate</c>: compare a target with its source (count, sample, full checksums, search agreement).</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var common = new JobOptions();
        var level = new Option<string?>("--level") { Description = "count, sample, full (every record's checksum; default) or search (top-k agreement; both sides must search)." };
        var sample = new Option<int?>("--sample") { Description = "Records compared field by field at the sample level (default 100)." };
        var searchQueries = new Option<int?>("--search-queries") { Description = "Queries at the search level (default 20)." };
        var searchK = new Option<int?>("--search-k") { Description = "Hits per query (default 10)." };
        var searchOverlap = new Option<double?>("--search-min-overlap") { Description = "Mean top-k overlap required (default 0.9)." };
        var command = new Command("validate", "Compare a target with its source, as the same --filter, --transform and --id-mode would have migrated it. Exit 0 when they agree, 7 when not.");
        common.AddSourceOptions(command);
        common.AddTargetOptions(command);
        command.Options.Add(level);
        command.Options.Add(sample);
        command.Options.Add(searchQueries);
        command.Options.Add(searchK);
        command.Options.Add(searchOverlap);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(common.Json);
            return await CommandRunner.RunAsync(context, json, parse.GetValue(common.Verbose), async engine =>
            {
                var job = common.Bind(parse, context.Error);
                var chosen = parse.GetValue(level) is { } text ? JobOptions.ParseLevel(text, "--level") : job.Validation != Core.Validation.ValidationLevel.None ? job.Validation : Core.Validation.ValidationLevel.Full;
                JobOptions.SetValue(parse, sample, v => job.SampleSize = v);
                JobOptions.SetValue(parse, searchQueries, v => job.SearchQueries = v);
                JobOptions.SetValue(parse, searchK, v => job.SearchK = v);
                JobOptions.SetValue(parse, searchOverlap, v => job.SearchMinOverlap = v);
                job.Validate(needsTarget: true);
                var mode = ProgressDisplay.Choose(context, json);
                var progress = new MigrationProgress();
                var report = await ProgressDisplay.RunAsync(context, mode, progress, TimeSpan.FromSeconds(mode == OutputMode.Json ? 1 : 10), "validate", () => engine.ValidateAsync(job, chosen, progress, cancellationToken)).ConfigureAwait(false);
                if (json)
                {
                    await context.Output.WriteLineAsync(ResultWriter.Json(report)).ConfigureAwait(false);
                }
                else
                {
                    ResultWriter.WriteText(context.Output, report);
                }

                return report.Passed ? ExitCodes.Success : ExitCodes.ValidationFailed;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
