using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// One keyset page: the records and failures of up to LIMIT rows, the key of the last row consumed, and whether
/// the page stopped early at the byte budget (then more rows may follow even though fewer than LIMIT were read).
/// </summary>
internal sealed record Page(List<Record> Records, List<RecordFailure> Failures, int Rows, string[]? LastKey, long Bytes, bool Truncated);
