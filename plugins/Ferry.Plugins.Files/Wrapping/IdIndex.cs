using System.Text;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// The ids a file sink has written, keyed by a 128-bit hash of the id (so memory stays near 40 bytes per record
/// whatever the id length), with the ordinal of the latest version and its fingerprint. It is what makes a file sink
/// an idempotent upsert: a replayed record is recognised and skipped, a changed one replaces its earlier version.
/// </summary>
internal sealed class IdIndex
{
    private readonly Dictionary<UInt128, Entry> _entries = [];

    public int Count => _entries.Count;

    public static UInt128 KeyOf(string id)
    {
        var byteCount = Encoding.UTF8.GetMaxByteCount(id.Length);
        Span<byte> utf8 = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        var written = Encoding.UTF8.GetBytes(id, utf8);
        var low = new Hash64(0x0123456789ABCDEFUL);
        low.Add(utf8[..written]);
        var high = new Hash64(0xFEDCBA9876543210UL);
        high.Add(utf8[..written]);
        return new UInt128(high.Finish(), low.Finish());
    }

    public bool TryGet(UInt128 key, out Entry entry) => _entries.TryGetValue(key, out entry);

    public bool Contains(string id) => _entries.ContainsKey(KeyOf(id));

    public void Set(UInt128 key, Entry entry) => _entries[key] = entry;

    public void Clear() => _entries.Clear();

    /// <summary>The ordinal (position across all parts) and fingerprint of the latest version of an id.</summary>
    internal readonly record struct Entry(long Ordinal, ulong Fingerprint);
}
