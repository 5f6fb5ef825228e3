namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>How a vector is stored in its attribute (option <c>vector_format</c>).</summary>
internal enum VectorFormat
{
    /// <summary>A list (L) of numbers (N), each the shortest decimal that reads back as the same float32.</summary>
    List,

    /// <summary>A binary (B) attribute of little-endian float32 components.</summary>
    Binary,
}
