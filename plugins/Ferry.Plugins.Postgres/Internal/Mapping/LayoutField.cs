using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A metadata field with its own typed column in a sink-created table.</summary>
internal sealed record LayoutField(string Name, string Column, MetadataKind Kind, MetadataKind? ItemKind);
