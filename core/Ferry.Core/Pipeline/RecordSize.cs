using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>
/// A cheap estimate of a record's size in bytes, used to size batches (against the sink's byte limit) and to
/// report MB/s: strings by UTF-16 length (exact for ASCII), vectors at 4 bytes a component, metadata by
/// walking the values. No allocation, no encoding.
/// </summary>
internal static class RecordSize
{
    private const int RecordOverhead = 64;
    private const int EntryOverhead = 16;

    public static long Estimate(Record record)
    {
        long size = RecordOverhead + record.Id.Length + (record.Text?.Length ?? 0) + (record.Title?.Length ?? 0);
        foreach (var (name, vector) in record.Vectors)
        {
            size += name.Length + (4L * vector.Length) + EntryOverhead;
        }

        foreach (var (name, sparse) in record.Sparse)
        {
            size += name.Length + (8L * sparse.Count) + EntryOverhead;
        }

        foreach (var (key, value) in record.Metadata)
        {
            size += key.Length + Estimate(value);
        }

        return size;
    }

    private static long Estimate(MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.String:
                return EntryOverhead + value.AsString().Length;
            case MetadataKind.Bytes:
                return EntryOverhead + value.AsBytes().Length;
            case MetadataKind.Array:
                long array = EntryOverhead;
                foreach (var item in value.AsArray())
                {
                    array += Estimate(item);
                }

                return array;
            case MetadataKind.Object:
                long entries = EntryOverhead;
                foreach (var (key, item) in value.AsObject())
                {
                    entries += key.Length + Estimate(item);
                }

                return entries;
            default:
                return EntryOverhead;
        }
    }
}
