namespace Ferry.Sdk.Filtering;

/// <summary>A field of a compiled filter, resolved once: its canonical reference, its index in <see cref="CompiledFilter.Fields"/>, and where it lives in a record.</summary>
internal sealed class FieldSlot
{
    public FieldSlot(FieldReference field, int index)
    {
        Field = field;
        Index = index;
        Target = Resolve(field, out var metadataStart);
        var path = new string[Target == FieldTarget.Metadata ? field.Path.Count - metadataStart : 0];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = field.Path[metadataStart + i];
        }

        MetadataPath = path;
    }

    public FieldReference Field { get; }

    public int Index { get; }

    public FieldTarget Target { get; }

    /// <summary>The metadata keys to walk (empty for record fields).</summary>
    public string[] MetadataPath { get; }

    /// <summary>
    /// The rule of <see cref="FieldReference"/>: a lone <c>id</c>, <c>text</c>, <c>title</c>, <c>record_type</c> or
    /// <c>collection</c> is that record field; a leading <c>metadata</c> segment (with more after it) is dropped.
    /// </summary>
    public static FieldTarget Resolve(FieldReference field, out int metadataStart)
    {
        var path = field.Path;
        metadataStart = 0;
        if (path.Count == 1)
        {
            switch (path[0])
            {
                case "id": return FieldTarget.Id;
                case "text": return FieldTarget.Text;
                case "title": return FieldTarget.Title;
                case "record_type": return FieldTarget.RecordType;
                case "collection": return FieldTarget.Collection;
            }
        }

        if (path.Count > 1 && path[0] == "metadata")
        {
            metadataStart = 1;
        }

        return FieldTarget.Metadata;
    }
}
