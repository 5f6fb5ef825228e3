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

    /// <summary>Same keys with the same values; order does not matter (writers order metadata differently).</summary>
    public static bool AreEqual(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
