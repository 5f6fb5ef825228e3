using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>One record as Chroma stores it: id, embedding, document and metadata of Chroma's own kinds only.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Embedding">The one embedding Chroma keeps per record.</param>
/// <param name="Document">The document text.</param>
/// <param name="Metadata">Strings, integers, finite floats and booleans only (everything else encoded).</param>
/// <param name="Origin">The record it was made from (reported with a failure).</param>
internal sealed record ChromaRow(string Id, float[] Embedding, string? Document, Dictionary<string, MetadataValue>? Metadata, Record Origin);
