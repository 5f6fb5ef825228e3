using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Reads records of one format from a stream, in order, holding only the record at hand. A record that cannot be
/// converted but after which the reader can go on (a bad CSV row, a JSON element of the wrong shape) comes back as a
/// failure naming its place; input after which nothing can be trusted (not well-formed XML, broken JSON syntax)
/// throws a <see cref="Ferry.Sdk.Errors.RecordException"/> naming the line.
/// </summary>
internal abstract class RecordReader : IDisposable
{
    /// <summary>Reads the next item; false at the end. Exactly one of <paramref name="record"/> and <paramref name="failure"/> is set on true.</summary>
    public abstract bool Read(out Record? record, out RecordFailure? failure);

    /// <summary>Where the reader is, for messages (e.g. <c>line 12</c>).</summary>
    public abstract string Position { get; }

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }
}
