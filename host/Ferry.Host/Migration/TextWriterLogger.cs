using Microsoft.Extensions.Logging;

namespace Ferry.Host.Migration;

/// <summary>A small logger for the CLI: one line per message on standard error (<c>warning: …</c>), from a minimum level.</summary>
internal sealed class TextWriterLogger : ILogger
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly Lock _gate = new();

    public TextWriterLogger(TextWriter writer, LogLevel minimum)
    {
        _writer = writer;
        _minimum = minimum;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var prefix = logLevel switch
        {
            LogLevel.Trace or LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            _ => "error",
        };
        lock (_gate)
        {
            _writer.WriteLine($"{prefix}: {formatter(state, exception)}");
        }
    }
}
