using Ferry.Arrow;
using Ferry.Frame.Format;
using Ferry.Frame.Manifests;
using Ferry.Frame.Storage;

namespace Ferry.Frame.Fragments;

internal sealed partial class FragmentStore
{
    private FragmentReader OpenReader(FragmentEntry fragment)
    {
        var path = Paths.Resolve(fragment.Path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FrameFormatException($"Fragment '{fragment.Path}' of '{Paths.Root}' is missing (removed by hand, or by a cleanup that was too aggressive).");
        }

        if (info.Length != fragment.Bytes)
        {
            throw new FrameFormatException($"Fragment '{fragment.Path}' of '{Paths.Root}' has {info.Length} bytes; the manifest says {fragment.Bytes}. The file is truncated or was replaced.");
        }

        if (Options.VerifyChecksumsOnOpen)
        {
            var actual = Crc32C.Format(Crc32C.Compute(File.ReadAllBytes(path)));
            if (!string.Equals(actual, fragment.Checksum, StringComparison.Ordinal))
            {
                throw new FrameFormatException($"Fragment '{fragment.Path}' of '{Paths.Root}' has checksum {actual}; the manifest says {fragment.Checksum}. The file is corrupt.");
            }
        }

        ArrowFileReader? reader = null;
        try
        {
            // Memory-mapped: arrays point into the file, vectors are never copied. The mapping lives as long as any array does.
            reader = ArrowFileReader.OpenFile(path);
            if (reader.RecordBatchCount != 1)
            {
                throw new FrameFormatException($"Fragment '{fragment.Path}' has {reader.RecordBatchCount} record batches; Frame fragments have exactly one.");
            }

            var batch = reader.ReadRecordBatch(0);
            if (batch.Length != fragment.Rows)
            {
                throw new FrameFormatException($"Fragment '{fragment.Path}' has {batch.Length} rows; the manifest says {fragment.Rows}.");
            }

            return new FragmentReader(fragment.Path, batch, reader);
        }
        catch (InvalidDataException ex)
        {
            reader?.Dispose();
            throw new FrameFormatException($"Fragment '{fragment.Path}' of '{Paths.Root}' is not a valid Arrow IPC file: {ex.Message}", ex);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
    }

    private DeletionSet ReadDeletionFile(FragmentEntry fragment)
    {
        var deletion = fragment.Deletion!;
        var path = Paths.Resolve(deletion.Path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new FrameFormatException($"Deletion file '{deletion.Path}' of '{Paths.Root}' is missing.", ex);
        }

        if (bytes.Length != deletion.Bytes)
        {
            throw new FrameFormatException($"Deletion file '{deletion.Path}' has {bytes.Length} bytes; the manifest says {deletion.Bytes}.");
        }

        try
        {
            using var reader = new ArrowFileReader(bytes);
            var batch = reader.ReadRecordBatch(0);
            var rows = batch.Column(FrameColumns.DeletionRow) as PrimitiveArray<uint>
                ?? throw new FrameFormatException($"Deletion file '{deletion.Path}' has no uint32 'row' column.");
            var set = DeletionSet.FromRows(checked((int)fragment.Rows), rows.Values);
            if (set.Count != deletion.Rows)
            {
                throw new FrameFormatException($"Deletion file '{deletion.Path}' lists {set.Count} rows; the manifest says {deletion.Rows}.");
            }

            return set;
        }
        catch (InvalidDataException ex)
        {
            throw new FrameFormatException($"Deletion file '{deletion.Path}' is not a valid Arrow IPC file: {ex.Message}", ex);
        }
    }
}
