namespace Ferry.Frame.Fragments;

/// <summary>A reader's hold on an open fragment; the fragment stays mapped until every lease is disposed.</summary>
internal sealed class FragmentLease : IDisposable
{
    private FragmentCache? _cache;
    private readonly FragmentCache.Entry _entry;

    public FragmentLease(FragmentCache cache, FragmentCache.Entry entry)
    {
        _cache = cache;
        _entry = entry;
    }

    public FragmentReader Reader => _entry.Reader;

    public void Dispose()
    {
        var cache = Interlocked.Exchange(ref _cache, null);
        cache?.Release(_entry);
    }
}
