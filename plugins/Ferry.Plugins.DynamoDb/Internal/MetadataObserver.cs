using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>Collects the metadata fields seen in a sample of records: key, kind (null when mixed), nullability, array item kind.</summary>
internal sealed class MetadataObserver
{
    private readonly Dictionary<string, MetadataKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetadataKind?> _itemKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _presence = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mixed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nulls = new(StringComparer.Ordinal);
    private int _records;

    public void Observe(IReadOnlyDictionary<string, MetadataValue> metadata)
    {
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
