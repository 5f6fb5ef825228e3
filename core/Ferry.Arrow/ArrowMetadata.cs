using System.Collections.ObjectModel;

namespace Ferry.Arrow;

/// <summary>Builds the immutable, order-preserving metadata maps of fields and schemas.</summary>
internal static class ArrowMetadata
{
    public static IReadOnlyDictionary<string, string> Empty { get; } = ReadOnlyDictionary<string, string>.Empty;

    public static IReadOnlyDictionary<string, string> Create(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null)
        {
            return Empty;
        }

        // A later duplicate key replaces the earlier value but keeps its position, as the IPC
        // metadata is a list and readers in other languages build maps the same way.
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            ArgumentNullException.ThrowIfNull(key);
            map[key] = value ?? string.Empty;
        }

        return map.Count == 0 ? Empty : new ReadOnlyDictionary<string, string>(map);
    }

    public static bool SequenceEqual(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        using var ea = a.GetEnumerator();
        using var eb = b.GetEnumerator();
        while (ea.MoveNext() && eb.MoveNext())
        {
            if (!string.Equals(ea.Current.Key, eb.Current.Key, StringComparison.Ordinal)
                || !string.Equals(ea.Current.Value, eb.Current.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
