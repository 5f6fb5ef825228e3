using Ferry.Plugins.Files.Typing;

namespace Ferry.Plugins.Files.Csv;

/// <summary>One column of a CSV file: what it holds and, for metadata, its key (or dotted path) and type.</summary>
internal sealed record CsvColumn(CsvColumnKind Kind, string Name)
{
    /// <summary>The vector name, metadata key, or dotted path (first element the key).</summary>
    public string[] Path { get; init; } = [];

    /// <summary>The type of a metadata column, when known (typed header, schema, or what the writer saw).</summary>
    public FieldType? Type { get; init; }

    /// <summary>The header cell text (<c>name</c> or <c>name:type</c>).</summary>
    public string HeaderText(bool withType) =>
        withType && Kind == CsvColumnKind.Metadata && Type is { } type ? Name + ":" + TypeSchema.TypeName(type) : Name;
}
