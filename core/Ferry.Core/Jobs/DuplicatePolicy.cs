namespace Ferry.Core.Jobs;

/// <summary>
/// What a migration does with a record whose id already existed in the target before the migration first started
/// (docs/migration.md, "Duplicates"). Records this migration wrote itself, in this run or an interrupted earlier one,
/// are never duplicates.
/// </summary>
public enum DuplicatePolicy
{
    /// <summary>Replace the target's record: an idempotent upsert by id (the default).</summary>
    Overwrite = 0,

    /// <summary>Leave the target's record untouched and count the source record as skipped.</summary>
    Skip,

    /// <summary>Stop the run with an error naming the id; nothing of that batch is written.</summary>
    Fail,
}
