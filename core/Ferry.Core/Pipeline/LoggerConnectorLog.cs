using Ferry.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Ferry.Core.Pipeline;

/// <summary>Forwards a connector's log to the host's logger, prefixed with the endpoint.</summary>
internal sealed class LoggerConnectorLog : ConnectorLog
{
    private readonly ILogger _logger;
    private readonly string _endpoint;

    public LoggerConnectorLog(ILogger logger, string endpoint)
    {
        _logger = logger;
        _endpoint = endpoint;
    }

    public override void Write(ConnectorLogLevel level, string message)
    {
        var mapped = level switch
        {
            ConnectorLogLevel.Debug => LogLevel.Debug,
            ConnectorLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        if (_logger.IsEnabled(mapped))
        {
#pragma warning disable CA1848, CA2254 // connector messages are free text; this is not a hot path.
            _logger.Log(mapped, "{Endpoint}: {Message}", _endpoint, message);
#pragma warning restore CA1848, CA2254
        }
    }
}
