namespace Ferry.Plugins.Chroma.Internal;

/// <summary>What Ferry uses of a Chroma collection.</summary>
/// <param name="Id">The collection's UUID (record calls address it by id).</param>
/// <param name="Name">The collection's name.</param>
/// <param name="Dimension">The embedding dimension, known once the first record was written.</param>
/// <param name="Space">The distance space from <c>configuration_json</c> (hnsw or spann), else the legacy <c>hnsw:space</c> metadata, else Chroma's default l2.</param>
/// <param name="SpaceSource">Where <paramref name="Space"/> came from (configuration, metadata or default), for the schema's properties.</param>
internal sealed record ChromaCollection(string Id, string Name, int? Dimension, string Space, string SpaceSource);
