using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>A cheap estimate of a record's size in bytes, for the batch byte hint of sources.</summary>
internal static class RecordSize
{
    public static long Estimate(Record record)
    {
        long size = 64 + (2L * record.Id.Length) + (2L * (record.Text?.Length ?? 0)) + (2L * (record.Title?.Length ?? 0));
        foreach (var vector in record.Vectors.Values)
        {
            size += 16 + (4L * vector.Length);
        }

        foreach (var sparse in record.Sparse.Values)
        {
            size += 16 + (8L * sparse.Count);
        }

        size += 32L * record.Metadata.Count;
        foreach (var value in record.Metadata.Values)
        {
            if (value.Kind == MetadataKind.String)
            {
                size += 2L * value.AsString().Length;
            }
            else if (value.Kind == MetadataKind.Bytes)
            {
                size += value.AsBytes().Length;
            }
        }

        return size;
    }
}
