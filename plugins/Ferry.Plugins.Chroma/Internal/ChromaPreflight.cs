namespace Ferry.Plugins.Chroma.Internal;

/// <summary>The server limits from <c>GET /api/v2/pre-flight-checks</c>.</summary>
/// <param name="MaxBatchSize">The most records one add/upsert call may carry.</param>
/// <param name="SupportsBase64Encoding">Whether embeddings may be sent as base64 strings (newer servers; Ferry sends number arrays either way).</param>
internal sealed record ChromaPreflight(int MaxBatchSize, bool SupportsBase64Encoding);
