namespace Ferry.Sdk.Filtering;

/// <summary>
/// A field a filter names. A path whose first segment is <c>id</c>, <c>text</c>, <c>title</c>,
/// <c>record_type</c> or <c>collection</c> names that record field; <c>metadata.x</c> or a plain <c>x</c>
/// names metadata field <c>x</c>; further segments walk into nested objects.
/// </summary>
/// <param name="Path">The dotted path, split into segments.</param>
public sealed record FieldReference(IReadOnlyList<string> Path)
{
    /// <summary>The record fields a filter can name directly.</summary>
    public static IReadOnlyList<string> RecordFields { get; } = ["id", "text", "title", "record_type", "collection"];

    /// <summary>The record field this path names, or <c>null</c> when it names metadata.</summary>
    public string? RecordField =>
        Path.Count == 1 && RecordFields.Contains(Path[0]) ? Path[0] : null;

    /// <summary>The metadata path (without a leading <c>metadata</c> segment), or empty when this names a record field.</summary>
    public IReadOnlyList<string> MetadataPath
    {
        get
        {
            if (RecordField is not null)
            {
                return [];
            }

            return Path.Count > 1 && Path[0] == "metadata" ? Path.Skip(1).ToArray() : Path;
        }
    }

    /// <inheritdoc />
    public bool Equals(FieldReference? other) => other is not null && Path.SequenceEqual(other.Path);

    /// <inheritdoc />
    public override int GetHashCode() => string.Join('.', Path).GetHashCode(StringComparison.Ordinal);

    /// <summary>The dotted path.</summary>
    public override string ToString() => string.Join('.', Path);
}
