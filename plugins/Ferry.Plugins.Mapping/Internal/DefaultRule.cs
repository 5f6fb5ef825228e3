using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>Sets a field that is absent or null (<c>defaults:</c>).</summary>
internal sealed record DefaultRule(FieldRef Field, MetadataValue Value, long Line);
