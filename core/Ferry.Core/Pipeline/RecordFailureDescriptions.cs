using Ferry.Sdk.Errors;

namespace Ferry.Core.Pipeline;

/// <summary>Turns exceptions into dead-letter messages and decides which ones end the run instead.</summary>
internal static class RecordFailureDescriptions
{
    /// <summary>
    /// Whether an exception from a write or transform of one batch may be caused by some of its records (so the
    /// batch is split to find them) rather than by the connector or its configuration (which ends the run). As the
    /// SDK says, bad records are reported as <see cref="RecordException"/> (or another non-transient
    /// <see cref="ConnectorException"/> for a refused call); any other exception is a failure of the connector.
    /// </summary>
    public static bool MayBeRecordLevel(Exception exception) => exception switch
    {
        ConnectorConfigurationException => false,
        ConnectorException connector => !connector.IsTransient,
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        RecordException record => record.Message,
        ConnectorException connector => connector.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
