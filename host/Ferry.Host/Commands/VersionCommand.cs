using System.CommandLine;
using Ferry.Sdk;

namespace Ferry.Host.Commands;

/// <summary><c>ferry version</c>: the host and SDK versions.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("version", "Print the host and SDK versions.");
        command.SetAction((parse, _) =>
        {
            context.Output.WriteLine($"ferry {typeof(VersionCommand).Assembly.GetName().Version} (sdk {SdkInfo.Version})");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
