using Ferry.Core.Catalog;
using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;

namespace Ferry.Core.Pipeline;

/// <summary>
/// The migration engine: runs a <see cref="MigrationJob"/> (migrate, dry run), validates a target against its
/// source, and estimates a migration. Connectors come from a <see cref="ConnectorCatalog"/>. The engine is
/// stateless between calls; a migration's state lives in its checkpoint file.
/// </summary>
public sealed partial class MigrationEngine
{
    private readonly ConnectorCatalog _catalog;

    /// <summary>Creates an engine over a catalogue of connectors.</summary>
    public MigrationEngine(ConnectorCatalog catalog, EngineEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        Environment = environment ?? new EngineEnvironment();
    }

    /// <summary>The services the engine uses.</summary>
    public EngineEnvironment Environment { get; }

    /// <summary>
    /// Runs a migration, resuming it from its checkpoint unless <see cref="MigrationJob.Restart"/> is set, or
    /// a dry run when <see cref="MigrationJob.DryRun"/> is set. Failures of the run itself (unavailable
    /// connectors, failed records) are reported in the result; invalid jobs and configurations throw
    /// (<see cref="JobValidationException"/>, <see cref="Ferry.Sdk.Errors.ConnectorConfigurationException"/>,
    /// <see cref="ConnectorResolutionException"/>, <see cref="Ferry.Sdk.Filtering.FilterSyntaxException"/>,
    /// <see cref="CheckpointException"/>).
    /// </summary>
    /// <param name="job">The migration.</param>
    /// <param name="progress">Live counters to display; <c>null</c> when nobody watches.</param>
    /// <param name="cancellationToken">Stops reading; what was read is written and checkpointed, then the run ends as cancelled.</param>
    public async Task<MigrationResult> RunAsync(MigrationJob job, MigrationProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate(needsTarget: !job.DryRun);
        progress ??= new MigrationProgress(Environment.TimeProvider);
        if (job.DryRun)
        {
            return await DryRunAsync(job, progress, cancellationToken).ConfigureAwait(false);
        }

        var fingerprint = MigrationFingerprint.Compute(job);
        var paths = StatePaths.For(job, fingerprint, Environment.WorkingDirectory);
        var session = MigrationSession.Open(_catalog, job, Environment, progress, withSink: true);
        await using (session.ConfigureAwait(false))
        {
            var migration = new CheckpointedMigration(this, session, job, paths, fingerprint, progress);
            return await migration.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The checkpoint file a job uses (whether or not it exists yet).</summary>
    public string CheckpointPathFor(MigrationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return StatePaths.For(job, MigrationFingerprint.Compute(job), Environment.WorkingDirectory).Checkpoint;
    }
}
