using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Writes records of one format into a stream, one part file at a time. A record is first prepared (serialized or
/// validated, so that one that cannot be stored fails before a byte of it reaches the file) and then committed.
/// </summary>
internal abstract class RecordWriter : IDisposable
{
    /// <summary>
    /// Serializes or validates <paramref name="record"/> and holds it as pending; returns its size in payload bytes
    /// (exact for text formats, an estimate for columnar ones). Throws <see cref="Ferry.Sdk.Errors.RecordException"/>
    /// for a record the format cannot store.
    /// </summary>
    public abstract long Prepare(Record record);

    /// <summary>Writes the pending record.</summary>
    public abstract void Commit();

    /// <summary>Drops the pending record (the sink decided to put it in a new part).</summary>
    public abstract void Discard();

    /// <summary>Payload bytes <see cref="Finish"/> will still write (closing brackets, a footer).</summary>
    public virtual long TrailerBytes => 0;

    /// <summary>Payload bytes of committed records the writer still holds in memory (a columnar batch), as a safe estimate.</summary>
    public virtual long BufferedBytes => 0;

    /// <summary>Pushes records held in memory (a columnar batch) into the stream.</summary>
    public virtual void Flush()
    {
    }

    /// <summary>Writes the end of the file; the stream stays open.</summary>
    public abstract void Finish();

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }
}
