namespace Ferry.Frame.Fragments;

/// <summary>
/// Keeps recently used fragments open (memory-mapped) so that repeated searches and reads do not reopen files.
/// Fragment files never change, so an entry is valid as long as the file exists. Readers hold a
/// <see cref="FragmentLease"/>; an evicted fragment is closed when its last lease is released, never under a reader.
/// </summary>
internal sealed class FragmentCache : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly int _capacity;
    private bool _disposed;

    public FragmentCache(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Returns a lease on the open fragment at <paramref name="path"/>, opening it with <paramref name="open"/> on a miss.</summary>
    public FragmentLease Acquire(string path, Func<string, FragmentReader> open)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(path, out var hit))
            {
                hit.References++;
                _lru.Remove(hit.Node);
                _lru.AddFirst(hit.Node);
                return new FragmentLease(this, hit);
            }
        }

        // Open outside the lock: mapping a file is I/O. Two threads may race to open the same file; one copy wins.
        var reader = open(path);
        lock (_lock)
        {
            if (_disposed)
            {
                reader.Dispose();
                throw new ObjectDisposedException(nameof(FragmentCache));
            }

            if (_entries.TryGetValue(path, out var raced))
            {
                reader.Dispose();
                raced.References++;
                return new FragmentLease(this, raced);
            }

            var entry = new Entry(path, reader);
            entry.Node = _lru.AddFirst(entry);
            entry.References = 1;
            _entries[path] = entry;
            EvictLocked();
            return new FragmentLease(this, entry);
        }
    }

    internal void Release(Entry entry)
    {
        lock (_lock)
        {
            entry.References--;
            if (entry.References == 0 && entry.Evicted)
            {
                entry.Reader.Dispose();
            }
        }
    }

    private void EvictLocked()
    {
        while (_entries.Count > _capacity && _lru.Last is { } last)
        {
            var victim = last.Value;
            _lru.RemoveLast();
            _entries.Remove(victim.Path);
            victim.Evicted = true;
            if (victim.References == 0)
            {
                victim.Reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var entry in _entries.Values)
            {
                entry.Evicted = true;
                if (entry.References == 0)
                {
                    entry.Reader.Dispose();
                }
            }

            _entries.Clear();
            _lru.Clear();
        }
    }

    internal sealed class Entry(string path, FragmentReader reader)
    {
        public string Path { get; } = path;

        public FragmentReader Reader { get; } = reader;

        public LinkedListNode<Entry> Node { get; set; } = null!;

        public int References { get; set; }

        public bool Evicted { get; set; }
    }
}
