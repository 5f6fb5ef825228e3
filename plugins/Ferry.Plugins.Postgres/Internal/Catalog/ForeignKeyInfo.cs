namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>A foreign key of the table (pg_constraint, contype 'f').</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The referencing columns of this table, ordered so that their values form the target's id.</param>
/// <param name="TargetTable">The referenced table, schema-qualified.</param>
/// <param name="SelfReference">True when the key points back at this table (e.g. parent_id → id).</param>
internal sealed record ForeignKeyInfo(string Name, IReadOnlyList<ColumnInfo> Columns, string TargetTable, bool SelfReference);
