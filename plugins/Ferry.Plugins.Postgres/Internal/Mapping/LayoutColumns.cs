namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>The fixed columns of a table the sink creates.</summary>
internal static class LayoutColumns
{
    public const string Id = "id";
    public const string Text = "text";
    public const string Title = "title";
    public const string RecordType = "record_type";
    public const string Collection = "collection";
    public const string Relationships = "relationships";
    public const string Source = "source";

    /// <summary>The type-tagged jsonb column for metadata without a typed column (see <see cref="TaggedJson"/>).</summary>
    public const string Metadata = "metadata";

    /// <summary>The column name of the vector called <c>default</c>.</summary>
    public const string DefaultVector = "embedding";

    public static readonly string[] System = [Id, Text, Title, RecordType, Collection, Relationships, Source, Metadata];
}
