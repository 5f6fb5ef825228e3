namespace Ferry.Core.Progress;

/// <summary>What a run is doing.</summary>
public enum MigrationPhase
{
    /// <summary>Resolving connectors, describing the source, preparing the target.</summary>
    Preparing,
    /// <summary>Moving records.</summary>
    Migrating,
    /// <summary>Making the last writes durable.</summary>
    Finishing,
    /// <summary>Comparing source and target.</summary>
    Validating,
    /// <summary>Done (successfully or not).</summary>
    Completed,
}
