using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>Record comparisons for connector tests, on top of the SDK's bit-exact <see cref="RecordAssert"/>.</summary>
public static class Expect
{
    /// <summary>The record as a source of <paramref name="system"/> should return it: the same, with that source's provenance.</summary>
    public static Record From(Record record, string system, string location)
    {
        ArgumentNullException.ThrowIfNull(record);
        var copy = record.Clone();
        copy.Source = new RecordSource(system, location, record.Id);
        return copy;
    }

    /// <summary>Asserts equality bit for bit, ignoring provenance (which says where the record was last read).</summary>
    public static void EqualIgnoringSource(Record expected, Record actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var copy = actual.Clone();
        copy.Source = expected.Source;
        RecordAssert.Equal(expected, copy);
    }
}
