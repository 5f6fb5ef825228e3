using System.Text.Json;
using Ferry.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Ferry.Host.Migration;

/// <summary>Runs a migrate/estimate/validate action: builds the engine, turns failures into messages and exit codes.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, bool json, bool verbose, Func<MigrationEngine, Task<int>> action)
    {
        var logger = new TextWriterLogger(context.Error, verbose ? LogLevel.Debug : LogLevel.Warning);
        try
        {
            var engine = new MigrationEngine(context.Catalog, new EngineEnvironment { Logger = logger });
            return await action(engine).ConfigureAwait(false);
        }
        catch (Exception e) when (ExitCodeMapper.IsExpected(e))
        {
            var code = ExitCodeMapper.For(e);
            if (json)
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    w.WriteString("type", "error");
                    w.WriteNumber("exit_code", code);
                    w.WriteString("error", e.GetType().Name);
                    w.WriteString("message", e.Message);
                    w.WriteEndObject();
                }

                await context.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return code;
        }
        catch (Exception e)
        {
            await context.Error.WriteLineAsync($"internal error (a bug; please report it): {e}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
