namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>A key attribute: its name and scalar type (S, N or B).</summary>
internal sealed record KeyAttribute(string Name, string Type);
