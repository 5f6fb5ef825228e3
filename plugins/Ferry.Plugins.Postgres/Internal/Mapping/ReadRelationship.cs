namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A foreign key read as a relationship: the kind and the positions of its columns' text forms.</summary>
/// <param name="Kind">The relationship kind (<c>parent</c> for a self-reference, else <c>reference</c> or the constraint name).</param>
/// <param name="Constraint">The constraint's name.</param>
/// <param name="Ordinals">Positions of <c>column::text</c> for each referencing column, in the target key's order.</param>
internal sealed record ReadRelationship(string Kind, string Constraint, IReadOnlyList<int> Ordinals);
