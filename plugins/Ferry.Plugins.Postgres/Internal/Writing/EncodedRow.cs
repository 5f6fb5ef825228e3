using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>A record checked against the table and split into what each column receives.</summary>
/// <param name="Record">The record.</param>
/// <param name="Typed">Per typed metadata column of the layout, the value it gets (<c>null</c>: SQL NULL).</param>
/// <param name="Overflow">The tagged JSON of the metadata without a typed column, or <c>null</c> when there is none.</param>
/// <param name="Relationships">The relationships as JSON, or <c>null</c>.</param>
/// <param name="Source">The provenance as JSON, or <c>null</c>.</param>
internal sealed record EncodedRow(Record Record, MetadataValue?[] Typed, string? Overflow, string? Relationships, string? Source);
