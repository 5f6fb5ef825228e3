using System.CommandLine;
using Ferry.Host.Migration;

namespace Ferry.Host.Commands;

/// <summary><c>ferry estimate</c>: count, shape, bytes and time of a migration, from a sample read.</summary>
internal static class EstimateCommand
{
    public static Command Create(CliContext context)
    {
        var common = new JobOptions();
        var sample = new Option<int?>("--sample") { Description = "Records to read for the projection (default 1000)." };
        var command = new Command("estimate", "Describe and count the source, read a sample, and project bytes and time (nothing is written).");
        common.AddSourceOptions(command);
        command.Options.Add(sample);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(common.Json);
            return await CommandRunner.RunAsync(context, json, parse.GetValue(common.Verbose), async engine =>
            {
                var job = common.Bind(parse, context.Error);
                var report = await engine.EstimateAsync(job, parse.GetValue(sample) ?? 1000, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await context.Output.WriteLineAsync(ResultWriter.Json(report)).ConfigureAwait(false);
                }
                else
                {
                    ResultWriter.WriteText(context.Output, report);
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
