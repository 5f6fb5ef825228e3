using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>
/// The shape all values of a metadata key share within one fragment, when they share one (format.md, section 2.2):
/// what decides the typed Arrow column. <see cref="Kind"/> <see cref="MetadataKind.Null"/> for an array item means
/// "no item seen" (only empty arrays).
/// </summary>
internal sealed class ValueShape
{
    private ValueShape(MetadataKind kind)
    {
        Kind = kind;
    }

    public MetadataKind Kind { get; }

    /// <summary>For arrays: the items' shape.</summary>
    public ValueShape? Item { get; private set; }

    /// <summary>For objects: the union of the keys in first-seen order, with their shapes.</summary>
    public List<KeyValuePair<string, ValueShape>>? Children { get; private set; }

    /// <summary>
    /// Infers the shape of a key's non-null values (null slots are absent); null when they have no common typed shape.
    /// Top-level timestamps may have any offset (kept in the companion column); nested ones must be UTC.
    /// </summary>
    public static ValueShape? Infer(ReadOnlySpan<MetadataValue?> values)
    {
        ValueShape? shape = null;
        var sawNull = false;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value.IsNull)
            {
                sawNull = true;
                continue;
            }

            if (shape is null)
            {
                shape = Create(value, topLevel: true);
                if (shape is null)
                {
                    return null;
                }
            }
            else if (!shape.Merge(value, topLevel: true))
            {
                return null;
            }
        }

        return shape ?? (sawNull ? new ValueShape(MetadataKind.Null) : null);
    }

    private static ValueShape? Create(MetadataValue value, bool topLevel)
    {
        var shape = new ValueShape(value.Kind);
        switch (value.Kind)
        {
            case MetadataKind.Array:
                shape.Item = new ValueShape(MetadataKind.Null);
                break;
            case MetadataKind.Object:
                shape.Children = [];
                break;
            case MetadataKind.Null:
            case MetadataKind.Decimal:
                return null;
        }

        return shape.Merge(value, topLevel) ? shape : null;
    }

    private bool Merge(MetadataValue value, bool topLevel)
    {
        if (value.Kind != Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case MetadataKind.Timestamp:
                var time = value.AsTimestamp();
                return time.UtcTicks % TimeSpan.TicksPerMicrosecond == 0 && (topLevel || time.Offset == TimeSpan.Zero);
            case MetadataKind.Array:
                foreach (var item in value.AsArray())
                {
                    if (item.IsNull || item.Kind == MetadataKind.Decimal)
                    {
                        return false;
                    }

                    if (Item!.Kind == MetadataKind.Null)
                    {
                        var created = Create(item, topLevel: false);
                        if (created is null)
                        {
                            return false;
                        }

                        Item = created;
                    }
                    else if (!Item.Merge(item, topLevel: false))
                    {
                        return false;
                    }
                }

                return true;
            case MetadataKind.Object:
                foreach (var (key, child) in value.AsObject())
                {
                    if (child.IsNull || child.Kind == MetadataKind.Decimal)
                    {
                        return false;
                    }

                    var index = FindChild(key);
                    if (index < 0)
                    {
                        var created = Create(child, topLevel: false);
                        if (created is null)
                        {
                            return false;
                        }

                        Children!.Add(new(key, created));
                    }
                    else if (!Children![index].Value.Merge(child, topLevel: false))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>False when an object shape anywhere inside has no keys at all (an all-empty object has no typed column).</summary>
    public bool IsStorable()
    {
        return Kind switch
        {
            MetadataKind.Array => Item!.Kind == MetadataKind.Null || Item.IsStorable(),
            MetadataKind.Object => Children!.Count > 0 && Children.TrueForAll(c => c.Value.IsStorable()),
            _ => true,
        };
    }

    public int FindChild(string key)
    {
        for (var i = 0; i < Children!.Count; i++)
        {
            if (string.Equals(Children[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
