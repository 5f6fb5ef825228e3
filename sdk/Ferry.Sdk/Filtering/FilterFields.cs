namespace Ferry.Sdk.Filtering;

/// <summary>What a filter reads, so that a store can project only the columns it needs.</summary>
public static class FilterFields
{
    /// <summary>The distinct fields the filter names, in order of first appearance.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <c>null</c>.</exception>
    public static IReadOnlyList<FieldReference> Referenced(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var seen = new HashSet<FieldReference>();
        var fields = new List<FieldReference>();
        Collect(filter, seen, fields);
        return fields.ToArray();
    }

    /// <summary>
    /// The top-level columns the filter needs: record field names and the first metadata key of each path
    /// (<c>author.name</c> and <c>metadata.author.id</c> both need metadata column <c>author</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <c>null</c>.</exception>
    public static FilterColumns Columns(FilterExpression filter)
    {
        var records = new List<string>();
        var keys = new List<string>();
        foreach (var field in Referenced(filter))
        {
            var target = FieldSlot.Resolve(field, out var start);
            if (start >= field.Path.Count)
            {
                continue;
            }

            var (list, name) = target == FieldTarget.Metadata ? (keys, field.Path[start]) : (records, field.Path[0]);
            if (!list.Contains(name))
            {
                list.Add(name);
            }
        }

        return new FilterColumns(records.ToArray(), keys.ToArray());
    }

    private static void Collect(FilterExpression filter, HashSet<FieldReference> seen, List<FieldReference> fields)
    {
        switch (filter)
        {
            case ComparisonFilter comparison: Add(comparison.Field, seen, fields); break;
            case InFilter inFilter: Add(inFilter.Field, seen, fields); break;
            case NullFilter nullFilter: Add(nullFilter.Field, seen, fields); break;
            case LikeFilter like: Add(like.Field, seen, fields); break;
            case ContainsFilter contains: Add(contains.Field, seen, fields); break;
            case AndFilter and:
                foreach (var operand in and.Operands)
                {
                    Collect(operand, seen, fields);
                }

                break;
            case OrFilter or:
                foreach (var operand in or.Operands)
                {
                    Collect(operand, seen, fields);
                }

                break;
            case NotFilter not: Collect(not.Operand, seen, fields); break;
            default:
                throw new ArgumentException($"{filter.GetType().Name} is not a filter node of the filter language.", nameof(filter));
        }
    }

    private static void Add(FieldReference field, HashSet<FieldReference> seen, List<FieldReference> fields)
    {
        if (seen.Add(field))
        {
            fields.Add(field);
        }
    }
}
