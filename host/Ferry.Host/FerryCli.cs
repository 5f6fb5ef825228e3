using System.CommandLine;
using Ferry.Core.Catalog;

namespace Ferry.Host;

/// <summary>The <c>ferry</c> command line: one root command, one file per sub-command under Commands/.</summary>
public static class FerryCli
{
    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<IReadOnlyList<string>, ConnectorCatalog>? catalogFactory = null)
    {
        var context = new CliContext(output, error, catalogFactory ?? HostCatalog.Build);
        var root = BuildRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'ferry --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(config).ConfigureAwait(false);
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var pluginsOption = new Option<string[]>("--plugins")
        {
            Description = "An extra folder to load plugins from (repeatable).",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var root = new RootCommand("Ferry moves documents, embeddings and metadata between vector stores, document stores, files and Frame datasets.");
        root.Options.Add(pluginsOption);
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        // Plugin folders must be known before any command asks for the catalogue.
        root.SetAction(_ => context.Output.WriteLine(root.Description));
        foreach (var command in root.Subcommands)
        {
            WrapWithPluginFolders(command, pluginsOption, context);
        }

        return root;
    }

    private static void WrapWithPluginFolders(Command command, Option<string[]> pluginsOption, CliContext context)
    {
        foreach (var sub in command.Subcommands)
        {
            WrapWithPluginFolders(sub, pluginsOption, context);
        }

        if (command.Action is not System.CommandLine.Invocation.AsynchronousCommandLineAction inner)
        {
            return;
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            context.ExtraPluginFolders.AddRange(parse.GetValue(pluginsOption) ?? []);
            return await inner.InvokeAsync(parse, cancellationToken).ConfigureAwait(false);
        });
    }
}
