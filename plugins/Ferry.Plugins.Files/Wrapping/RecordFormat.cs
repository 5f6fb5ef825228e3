using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>A file format of records (JSON, CSV, …) with its options already parsed: makes readers and writers over streams.</summary>
internal abstract class RecordFormat
{
    /// <summary>The connector name (<c>json</c>, <c>csv</c>, …), written into manifests.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// A writer for one file. <paramref name="firstRecords"/> are the records the file starts with (may be empty), for
    /// formats that fix their columns up front (CSV header, Arrow schema) together with <paramref name="schema"/>.
    /// </summary>
    public abstract RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords);

    /// <summary>A reader for one file; <paramref name="fileName"/> is used in messages.</summary>
    public abstract RecordReader CreateReader(Stream input, string fileName, TypeSchema types);

    /// <summary>The options of this format beyond the ones every file connector has (<see cref="FileSettings.CommonOptions"/>).</summary>
    public virtual IReadOnlyList<string> OwnOptions => [];

    /// <summary>The extension of one-record files in the folder layout, or <c>null</c> when the format has no folder layout.</summary>
    public virtual string? FolderExtension => null;

    /// <summary>Writes one record as a whole file (the folder layout); the default is a file of one record.</summary>
    public virtual void WriteSingle(Record record, Stream output)
    {
        using var writer = CreateWriter(output, new DatasetSchema(), [record]);
        writer.Prepare(record);
        writer.Commit();
        writer.Finish();
    }
}
