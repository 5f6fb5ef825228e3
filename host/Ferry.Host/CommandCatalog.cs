using System.CommandLine;
using Ferry.Host.Commands;

namespace Ferry.Host;

/// <summary>The list of sub-commands. Each lives in Commands/NameCommand.cs with a static Create(CliContext).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return VersionCommand.Create(context);
        yield return PluginsCommand.Create(context);
        yield return MigrateCommand.Create(context);
        yield return EstimateCommand.Create(context);
        yield return ValidateCommand.Create(context);
        yield return InspectCommand.Create(context);
        yield return SearchCommand.Create(context);
    }
}
