namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>The reserved names of Ferry's DynamoDB encoding (stored data: never rename).</summary>
internal static class DynamoMarkers
{
    /// <summary>The item attribute (M of S): JSON pointer of a value → the Ferry kind DynamoDB cannot express itself.</summary>
    public const string FerryTypesAttribute = "_ferry_types";

    /// <summary>The item attribute (M) with record type, collection and relationships, when not the defaults.</summary>
    public const string FerryRecordAttribute = "_ferry_record";

    /// <summary>The Ferry metadata key (an object: JSON pointer → SS, NS, BS or N) that remembers DynamoDB types Ferry has no kind for.</summary>
    public const string DynamoTypesKey = "_dynamodb_types";

    /// <summary>Kind of an attribute holding a named (non-default) vector.</summary>
    public const string VectorKind = "vector";

    /// <summary>Kind of an attribute holding a sparse vector.</summary>
    public const string SparseKind = "sparse";
}
