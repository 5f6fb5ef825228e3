namespace Ferry.Plugins.Mapping.Internal;

/// <summary>
/// A field a mapping names: <c>id</c>, <c>text</c> and <c>title</c> are the record's own fields; <c>metadata.KEY</c>
/// or any other name is the metadata key written (taken literally: dots do not walk into nested objects).
/// </summary>
internal readonly record struct FieldRef(FieldKind Kind, string Key)
{
    public static FieldRef Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "id" => new FieldRef(FieldKind.Id, "id"),
            "text" => new FieldRef(FieldKind.Text, "text"),
            "title" => new FieldRef(FieldKind.Title, "title"),
            _ when name.StartsWith("metadata.", StringComparison.Ordinal) && name.Length > "metadata.".Length => new FieldRef(FieldKind.Metadata, name["metadata.".Length..]),
            _ => new FieldRef(FieldKind.Metadata, name),
        };
    }

    public bool IsRecordField => Kind != FieldKind.Metadata;

    /// <summary>The field as a user reads it in messages.</summary>
    public override string ToString() => Key;
}
