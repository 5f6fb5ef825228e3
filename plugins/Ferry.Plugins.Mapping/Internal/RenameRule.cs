namespace Ferry.Plugins.Mapping.Internal;

/// <summary>Moves a field's value to another field (<c>rename:</c>).</summary>
internal sealed record RenameRule(FieldRef From, FieldRef To, long Line);
