using Ferry.Core.Catalog;
using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Resilience;
using Ferry.Core.Validation;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;

namespace Ferry.Host.Migration;

/// <summary>The exit code of a run's outcome or of the exception that prevented it (see <see cref="ExitCodes"/>).</summary>
internal static class ExitCodeMapper
{
    public static int For(MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            MigrationOutcome.Completed or MigrationOutcome.AlreadyCompleted => result.Validation is { Passed: false } ? ExitCodes.ValidationFailed : ExitCodes.Success,
            MigrationOutcome.CompletedWithFailures => result.Validation is { Passed: false } ? ExitCodes.ValidationFailed : ExitCodes.PartialFailure,
            MigrationOutcome.Stopped => ExitCodes.RecordFailed,
            MigrationOutcome.Unavailable => ExitCodes.Unavailable,
            MigrationOutcome.Cancelled => ExitCodes.Cancelled,
            _ => result.Error is null ? ExitCodes.ConnectorFailed : For(result.Error),
        };
    }

    public static int For(Exception exception) => exception switch
    {
        JobValidationException or FilterSyntaxException => ExitCodes.Usage,
        ConnectorConfigurationException or ConnectorResolutionException or CheckpointException or ValidationNotPossibleException => ExitCodes.Configuration,
        ConnectorUnavailableException => ExitCodes.Unavailable,
        OperationCanceledException => ExitCodes.Cancelled,
        ConnectorException connector => connector.IsTransient ? ExitCodes.Unavailable : ExitCodes.ConnectorFailed,
        _ => ExitCodes.InternalError,
    };

    /// <summary>Whether the exception is a known failure class (message only) rather than a bug (message and stack trace).</summary>
    public static bool IsExpected(Exception exception) => For(exception) != ExitCodes.InternalError;
}
