using System.Runtime.InteropServices;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// A 64-bit hash of everything a record carries (fields, vectors bit for bit, metadata with kinds, relationships,
/// provenance), independent of dictionary order. A sink uses it to tell a record written again unchanged (a resumed
/// run replaying its last batches: skipped) from a changed one (replaces the earlier version).
/// </summary>
internal static class RecordFingerprint
{
    public static ulong Compute(Record record)
    {
        var hash = new Hash64(0x5EED);
        hash.Add(record.Id);
        hash.Add(record.Text);
        hash.Add(record.Title);
        hash.Add(record.RecordType);
        hash.Add(record.Collection);
        AddSorted(ref hash, record.Vectors.Keys, name =>
        {
            var vector = record.Vectors[name];
            var h = new Hash64(1);
            h.Add(name);
            h.Add((ulong)vector.Length);
            h.Add(MemoryMarshal.AsBytes(vector.AsSpan()));
            return h.Finish();
        });
        AddSorted(ref hash, record.Sparse.Keys, name =>
        {
            var sparse = record.Sparse[name];
            var h = new Hash64(2);
            h.Add(name);
            h.Add(MemoryMarshal.AsBytes(sparse.Indices));
            h.Add(MemoryMarshal.AsBytes(sparse.Values));
            return h.Finish();
        });
        AddSorted(ref hash, record.Metadata.Keys, key =>
        {
            var h = new Hash64(3);
            h.Add(key);
            Add(ref h, record.Metadata[key]);
            return h.Finish();
        });
        hash.Add((ulong)record.Relationships.Count);
        foreach (var relationship in record.Relationships)
        {
            hash.Add(relationship.Kind);
            hash.Add(relationship.TargetId);
        }

        if (record.Source is { } source)
        {
            hash.Add(source.System);
            hash.Add(source.Location);
            hash.Add(source.OriginalId);
        }
        else
        {
            hash.Add(0UL);
        }

        return hash.Finish();
    }

    private static void AddSorted(ref Hash64 hash, IEnumerable<string> keys, Func<string, ulong> entry)
    {
        // Order-independent: XOR-free sum of per-entry hashes would allow cancellation, so sort instead (few keys).
        var sorted = new List<string>(keys);
        sorted.Sort(StringComparer.Ordinal);
        hash.Add((ulong)sorted.Count);
        foreach (var key in sorted)
        {
            hash.Add(entry(key));
        }
    }

    private static void Add(ref Hash64 hash, MetadataValue value)
    {
        hash.Add((ulong)value.Kind);
        switch (value.Kind)
        {
            case MetadataKind.Bool:
                hash.Add(value.AsBool() ? 1UL : 0UL);
                break;
            case MetadataKind.Integer:
                hash.Add((ulong)value.AsInteger());
                break;
            case MetadataKind.Float:
                hash.Add((ulong)BitConverter.DoubleToInt64Bits(value.AsFloat()));
                break;
            case MetadataKind.Decimal:
                foreach (var part in decimal.GetBits(value.AsDecimal()))
                {
                    hash.Add((ulong)(uint)part);
                }

                break;
            case MetadataKind.String:
                hash.Add(value.AsString());
                break;
            case MetadataKind.Timestamp:
                var ts = value.AsTimestamp();
                hash.Add((ulong)ts.UtcTicks);
                hash.Add((ulong)(long)ts.Offset.TotalMinutes);
                break;
            case MetadataKind.Bytes:
                hash.Add((ulong)value.AsBytes().Length);
                hash.Add(value.AsBytes().Span);
                break;
            case MetadataKind.Array:
                var items = value.AsArray();
                hash.Add((ulong)items.Count);
                foreach (var item in items)
                {
                    Add(ref hash, item);
                }

                break;
            case MetadataKind.Object:
                var entries = value.AsObject();
                var keys = new List<string>(entries.Keys);
                keys.Sort(StringComparer.Ordinal);
                hash.Add((ulong)keys.Count);
                foreach (var key in keys)
                {
                    hash.Add(key);
                    Add(ref hash, entries[key]);
                }

                break;
        }
    }
}
