using System.Text;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// The strings of property names a reader meets on every line (the same few metadata keys), made once instead of once
/// per line. Safe for the parallel readers of one source: the entries are an immutable array replaced on add (a lost
/// race only costs a later miss). Past <see cref="Capacity"/> names, new ones are made each time as before.
/// </summary>
internal sealed class PropertyNames
{
    private const int Capacity = 64;
    private volatile Entry[] _entries = [];

    /// <summary>The string of an unescaped UTF-8 property name.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        var entries = _entries;
        foreach (var entry in entries)
        {
            if (utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Text;
            }
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (entries.Length < Capacity)
        {
            _entries = [.. entries, new Entry(utf8.ToArray(), text)];
        }

        return text;
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
