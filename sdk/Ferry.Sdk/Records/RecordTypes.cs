namespace Ferry.Sdk.Records;

/// <summary>The record types of the frame model.</summary>
public static class RecordTypes
{
    /// <summary>An ordinary document.</summary>
    public const string Document = "document";

    /// <summary>A header record that describes a collection (folder, index, table).</summary>
    public const string CollectionHeader = "collection_header";

    /// <summary>A chunk of a larger document.</summary>
    public const string Chunk = "chunk";

    /// <summary>A reference to content that is not carried inline (e.g. a binary file).</summary>
    public const string Reference = "reference";
}
