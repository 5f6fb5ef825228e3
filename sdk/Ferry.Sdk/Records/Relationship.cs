namespace Ferry.Sdk.Records;

/// <summary>A typed link from a record to another record, by the target's id.</summary>
/// <param name="Kind">The relationship kind, see <see cref="RelationshipKinds"/>; any other string is allowed.</param>
/// <param name="TargetId">The id of the record this one points at.</param>
public sealed record Relationship(string Kind, string TargetId);
