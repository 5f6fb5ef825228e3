using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>Reads a field out of a <see cref="Record"/> without allocating.</summary>
internal static class RecordFieldAccess
{
    /// <summary>The string of a record field (null when the record does not have it).</summary>
    public static string? RecordString(Record record, FieldTarget target) => target switch
    {
        FieldTarget.Id => record.Id,
        FieldTarget.Text => record.Text,
        FieldTarget.Title => record.Title,
        FieldTarget.RecordType => record.RecordType,
        FieldTarget.Collection => record.Collection,
        _ => null,
    };

    /// <summary>Walks <paramref name="path"/> from <paramref name="start"/> through nested objects; null when a step is missing or not an object.</summary>
    public static MetadataValue? Walk(Record record, IReadOnlyList<string> path, int start)
    {
        if (start >= path.Count || !record.Metadata.TryGetValue(path[start], out var value))
        {
            return null;
        }

        for (var i = start + 1; i < path.Count; i++)
        {
            if (value.Kind != MetadataKind.Object || !value.AsObject().TryGetValue(path[i], out var inner))
            {
                return null;
            }

            value = inner;
        }

        return value;
    }
}
