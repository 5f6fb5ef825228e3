using Ferry.Sdk.Records;

namespace Ferry.Frame.Connector;

/// <summary>A cheap estimate of a record's size in memory, for <c>MaxBatchBytes</c>.</summary>
internal static class RecordSize
{
    public static long Estimate(Record record)
    {
        long size = 64 + (2L * (record.Id.Length + (record.Text?.Length ?? 0) + (record.Title?.Length ?? 0)));
        foreach (var vector in record.Vectors.Values)
        {
            size += 4L * vector.Length;
        }

        foreach (var sparse in record.Sparse.Values)
        {
            size += 8L * sparse.Count;
        }

        foreach (var (key, value) in record.Metadata)
        {
            size += 32 + (2L * key.Length) + (value.Kind == MetadataKind.String ? 2L * value.AsString().Length : 0);
        }

        return size;
    }
}
