using Ferry.Plugins.Mapping.Internal.Operations;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>Applies one operation to one or more fields (an item of <c>transforms:</c>).</summary>
internal sealed record TransformRule(IReadOnlyList<FieldRef> Fields, ValueOperation Operation, long Line);
