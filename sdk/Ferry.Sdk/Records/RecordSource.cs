namespace Ferry.Sdk.Records;

/// <summary>Where a record came from.</summary>
/// <param name="System">The source system, e.g. <c>chroma</c>, <c>postgres</c>, <c>jsonl</c>.</param>
/// <param name="Location">The location within that system (collection, table, file path).</param>
/// <param name="OriginalId">The id the record had there, kept when the target needs another id form.</param>
public sealed record RecordSource(string System, string? Location, string? OriginalId);
