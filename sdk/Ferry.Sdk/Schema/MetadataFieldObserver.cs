using Ferry.Sdk.Records;

namespace Ferry.Sdk.Schema;

/// <summary>
/// Infers the <see cref="MetadataField"/>s of a source that declares none from a sample of its records, for
/// <see cref="Connectors.SourceConnector.DescribeAsync"/>: each key seen, its kind (<c>null</c> when values of several
/// kinds occur), whether it may be null or absent, and for arrays the kind their items share.
/// </summary>
/// <remarks>
/// Explicit nulls do not decide a key's kind; they make it nullable, as does a record without the key. An array's
/// items, null items included, must all have one kind across the sample for <see cref="MetadataField.ItemKind"/>.
/// </remarks>
public sealed class MetadataFieldObserver
{
    private readonly Dictionary<string, MetadataKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetadataKind?> _itemKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _presence = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mixed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nulls = new(StringComparer.Ordinal);
    private int _records;

    /// <summary>Takes one record's metadata into account.</summary>
    public void Observe(IReadOnlyDictionary<string, MetadataValue> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _records++;
        foreach (var (key, value) in metadata)
        {
            _presence[key] = _presence.GetValueOrDefault(key) + 1;
            if (value.IsNull)
            {
                _nulls.Add(key);
                continue;
            }

            if (!_kinds.TryGetValue(key, out var kind))
            {
                _kinds[key] = value.Kind;
            }
            else if (kind != value.Kind)
            {
                _mixed.Add(key);
            }

            if (value.Kind == MetadataKind.Array)
            {
                ObserveItems(key, value.AsArray());
            }
        }
    }

    /// <summary>The fields seen so far, ordered by key (ordinal).</summary>
    public IReadOnlyList<MetadataField> Fields()
    {
        var fields = new List<MetadataField>(_presence.Count);
        foreach (var key in _presence.Keys.Order(StringComparer.Ordinal))
        {
            MetadataKind? kind = _mixed.Contains(key) || !_kinds.TryGetValue(key, out var k) ? null : k;
            fields.Add(new MetadataField(key, kind)
            {
                Nullable = _presence[key] < _records || _nulls.Contains(key),
                ItemKind = kind == MetadataKind.Array ? _itemKinds.GetValueOrDefault(key) : null,
            });
        }

        return fields;
    }

    private void ObserveItems(string key, IReadOnlyList<MetadataValue> items)
    {
        foreach (var item in items)
        {
            if (!_itemKinds.TryGetValue(key, out var seen))
            {
                _itemKinds[key] = item.Kind;
            }
            else if (seen is not null && seen != item.Kind)
            {
                _itemKinds[key] = null;
            }
        }
    }
}
