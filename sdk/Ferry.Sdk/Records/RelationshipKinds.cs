namespace Ferry.Sdk.Records;

/// <summary>The relationship kinds Ferry's own connectors produce.</summary>
public static class RelationshipKinds
{
    /// <summary>The record is a child (e.g. a chunk) of the target.</summary>
    public const string Parent = "parent";

    /// <summary>The record refers to the target (e.g. a foreign key).</summary>
    public const string Reference = "reference";

    /// <summary>The record is a member of the collection described by the target header record.</summary>
    public const string MemberOf = "member_of";
}
