using Ferry.Frame.Fragments;
using Ferry.Frame.Manifests;

namespace Ferry.Frame.Indexing;

/// <summary>
/// id → (fragment, row) of the live rows of one version (format.md, section 9): hash lookups for upsert, delete and
/// read by id. Built from the fragments' id columns the first time it is needed, then moved from version to version
/// incrementally: only fragments it has not seen are read, and deletion changes are applied row by row.
/// Not thread-safe: the owner serializes access.
/// </summary>
internal sealed class IdIndex
{
    private readonly Dictionary<string, RowAddress> _map = new(StringComparer.Ordinal);

    /// <summary>The fragments indexed, by id, with the deletion file that was applied.</summary>
    private readonly Dictionary<long, FragmentEntry> _fragments = [];

    public long Version { get; private set; } = -1;

    public int Count => _map.Count;

    public bool TryGet(string id, out RowAddress address) => _map.TryGetValue(id, out address);

    /// <summary>
    /// Moves the index to <paramref name="manifest"/>. <paramref name="knownIds"/> may give the ids of new fragments
    /// (by fragment id) that the caller just wrote, so they need not be read back.
    /// </summary>
    public void AdvanceTo(Manifest manifest, FragmentStore store, IReadOnlyDictionary<long, string[]>? knownIds = null)
    {
        if (manifest.Version == Version)
        {
            return;
        }

        var target = new Dictionary<long, FragmentEntry>(manifest.Fragments.Count);
        foreach (var fragment in manifest.Fragments)
        {
            target[fragment.Id] = fragment;
        }

        // Removals first: an upsert deletes an id's old row and adds its new row in the same version.
        var removed = new List<FragmentEntry>();
        foreach (var (id, old) in _fragments)
        {
            if (!target.TryGetValue(id, out var now) || !string.Equals(now.Path, old.Path, StringComparison.Ordinal))
            {
                removed.Add(old);
            }
        }

        foreach (var old in removed)
        {
            RemoveFragment(old, store);
            _fragments.Remove(old.Id);
        }

        var undeleted = new List<(FragmentEntry Fragment, List<int> Rows)>();
        foreach (var (id, now) in target)
        {
            if (!_fragments.TryGetValue(id, out var old) || DeletionPath(old) == DeletionPath(now))
            {
                continue;
            }

            var before = store.LoadDeletions(old);
            var after = store.LoadDeletions(now);
            var newlyDeleted = after.Except(before);
            if (newlyDeleted.Count > 0)
            {
                var ids = ReadIds(now, store, knownIds);
                foreach (var row in newlyDeleted)
                {
                    RemoveIfAt(ids[row], new RowAddress(id, row));
                }
            }

            var restored = before.Except(after);
            if (restored.Count > 0)
            {
                undeleted.Add((now, restored));
            }

            _fragments[id] = now;
        }

        foreach (var (fragment, rows) in undeleted)
        {
            var ids = ReadIds(fragment, store, knownIds);
            foreach (var row in rows)
            {
                _map[ids[row]] = new RowAddress(fragment.Id, row);
            }
        }

        foreach (var (id, now) in target)
        {
            if (_fragments.ContainsKey(id))
            {
                continue;
            }

            var ids = ReadIds(now, store, knownIds);
            var deletions = store.LoadDeletions(now);
            for (var row = 0; row < ids.Length; row++)
            {
                if (!deletions.IsDeleted(row))
                {
                    _map[ids[row]] = new RowAddress(id, row);
                }
            }

            _fragments[id] = now;
        }

        Version = manifest.Version;
    }

    private void RemoveFragment(FragmentEntry fragment, FragmentStore store)
    {
        var ids = ReadIds(fragment, store, null);
        for (var row = 0; row < ids.Length; row++)
        {
            RemoveIfAt(ids[row], new RowAddress(fragment.Id, row));
        }
    }

    private void RemoveIfAt(string id, RowAddress address)
    {
        if (_map.TryGetValue(id, out var current) && current == address)
        {
            _map.Remove(id);
        }
    }

    private static string? DeletionPath(FragmentEntry fragment) => fragment.Deletion?.Path;

    private static string[] ReadIds(FragmentEntry fragment, FragmentStore store, IReadOnlyDictionary<long, string[]>? knownIds)
    {
        if (knownIds is not null && knownIds.TryGetValue(fragment.Id, out var known))
        {
            return known;
        }

        using var lease = store.Open(fragment);
        var column = lease.Reader.Columns.Id;
        var ids = new string[column.Length];
        for (var row = 0; row < ids.Length; row++)
        {
            ids[row] = column.GetString(row)!;
        }

        return ids;
    }
}
