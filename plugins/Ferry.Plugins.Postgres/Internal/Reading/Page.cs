using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>One keyset page: the records and failures of up to LIMIT rows, and the key of the last row.</summary>
internal sealed record Page(List<Record> Records, List<RecordFailure> Failures, int Rows, string[]? LastKey, long Bytes);
