using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>Builds compiled node trees and evaluates them against any <see cref="IFieldReader"/>, with SQL's three-valued logic.</summary>
internal static class FilterProgram
{
    public static FilterNode Build(FilterExpression filter, Dictionary<FieldReference, FieldSlot> slots, List<FieldReference> fields)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                return new ComparisonNode(Slot(comparison.Field, slots, fields), comparison.Operator, new FilterLiteral(comparison.Value));
            case InFilter inFilter:
                var literals = new FilterLiteral[inFilter.Values.Count];
                for (var i = 0; i < literals.Length; i++)
                {
                    literals[i] = new FilterLiteral(inFilter.Values[i]);
                }

                return new InNode(Slot(inFilter.Field, slots, fields), literals, inFilter.Negated);
            case NullFilter nullFilter:
                return new NullNode(Slot(nullFilter.Field, slots, fields), nullFilter.Negated);
            case LikeFilter like:
                return new LikeNode(Slot(like.Field, slots, fields), LikePattern.Compile(like.Pattern), like.Negated);
            case ContainsFilter contains:
                return new ContainsNode(Slot(contains.Field, slots, fields), new FilterLiteral(contains.Value));
            case AndFilter and:
                return new AndNode(BuildAll(and.Operands, slots, fields));
            case OrFilter or:
                return new OrNode(BuildAll(or.Operands, slots, fields));
            case NotFilter not:
                return new NotNode(Build(not.Operand, slots, fields));
            default:
                throw new ArgumentException($"{filter.GetType().Name} is not a filter node the evaluator knows.", nameof(filter));
        }
    }

    private static FilterNode[] BuildAll(IReadOnlyList<FilterExpression> operands, Dictionary<FieldReference, FieldSlot> slots, List<FieldReference> fields)
    {
        var nodes = new FilterNode[operands.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Build(operands[i], slots, fields);
        }

        return nodes;
    }

    /// <summary>One slot per distinct field, holding the first reference seen, so readers always get the same instance for a field.</summary>
    private static FieldSlot Slot(FieldReference field, Dictionary<FieldReference, FieldSlot> slots, List<FieldReference> fields)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!slots.TryGetValue(field, out var slot))
        {
            slot = new FieldSlot(field, fields.Count);
            slots.Add(field, slot);
            fields.Add(field);
        }

        return slot;
    }

    public static FilterTruth Evaluate<TReader>(FilterNode node, ref TReader reader)
        where TReader : struct, IFieldReader
    {
        switch (node)
        {
            case ComparisonNode comparison:
                return Compare(comparison, reader.Read(comparison.Slot));
            case AndNode and:
                var andResult = FilterTruth.True;
                foreach (var operand in and.Operands)
                {
                    var value = Evaluate(operand, ref reader);
                    if (value == FilterTruth.False)
                    {
                        return FilterTruth.False;
                    }

                    if (value == FilterTruth.Unknown)
                    {
                        andResult = FilterTruth.Unknown;
                    }
                }

                return andResult;
            case OrNode or:
                var orResult = FilterTruth.False;
                foreach (var operand in or.Operands)
                {
                    var value = Evaluate(operand, ref reader);
                    if (value == FilterTruth.True)
                    {
                        return FilterTruth.True;
                    }

                    if (value == FilterTruth.Unknown)
                    {
                        orResult = FilterTruth.Unknown;
                    }
                }

                return orResult;
            case NotNode not:
                return Negate(Evaluate(not.Operand, ref reader));
            case NullNode nullNode:
                var isNull = reader.Read(nullNode.Slot).IsNull;
                return isNull != nullNode.Negated ? FilterTruth.True : FilterTruth.False;
            case InNode inNode:
                var inResult = In(inNode, reader.Read(inNode.Slot));
                return inNode.Negated ? Negate(inResult) : inResult;
            case LikeNode like:
                var likeResult = Like(like, reader.Read(like.Slot));
                return like.Negated ? Negate(likeResult) : likeResult;
            case ContainsNode contains:
                return Contains(contains, reader.Read(contains.Slot));
            default:
                throw new InvalidOperationException($"Unknown compiled filter node {node.GetType().Name}.");
        }
    }

    private static FilterTruth Negate(FilterTruth value) => value switch
    {
        FilterTruth.True => FilterTruth.False,
        FilterTruth.False => FilterTruth.True,
        _ => FilterTruth.Unknown,
    };

    private static FilterTruth From(bool value) => value ? FilterTruth.True : FilterTruth.False;

    private static FilterTruth Compare(ComparisonNode node, FieldRead read)
    {
        var literal = node.Literal;
        if (read.IsNull || literal.IsNull)
        {
            return FilterTruth.Unknown;
        }

        var op = node.Operator;
        if (op is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            var equal = read.Text is { } text
                ? FilterValueComparer.EqualsLiteral(text, literal)
                : FilterValueComparer.EqualsLiteral(read.Value!, literal);
            return equal is { } e ? From(e == (op == ComparisonOperator.Equal)) : FilterTruth.Unknown;
        }

        var order = read.Text is { } s
            ? FilterValueComparer.CompareLiteral(s, literal)
            : FilterValueComparer.CompareLiteral(read.Value!, literal);
        if (order is not { } o)
        {
            return FilterTruth.Unknown;
        }

        return From(op switch
        {
            ComparisonOperator.LessThan => o < 0,
            ComparisonOperator.LessThanOrEqual => o <= 0,
            ComparisonOperator.GreaterThan => o > 0,
            _ => o >= 0,
        });
    }

    /// <summary>Set membership: unknown for a null field, else true when some item is equal; items that cannot be compared (other kinds, NULL) never match.</summary>
    private static FilterTruth In(InNode node, FieldRead read)
    {
        if (read.IsNull)
        {
            return FilterTruth.Unknown;
        }

        var text = read.Text ?? (read.Value!.Kind == MetadataKind.String ? read.Value.AsString() : null);
        if (text is not null && node.Strings is { } strings)
        {
            return From(strings.Contains(text));
        }

        if (node.Integers is { } integers && read.Value is { Kind: MetadataKind.Integer } integer)
        {
            return From(integers.Contains(integer.AsInteger()));
        }

        foreach (var literal in node.Literals)
        {
            var equal = text is not null
                ? FilterValueComparer.EqualsLiteral(text, literal)
                : FilterValueComparer.EqualsLiteral(read.Value!, literal);
            if (equal == true)
            {
                return FilterTruth.True;
            }
        }

        return FilterTruth.False;
    }

    private static FilterTruth Like(LikeNode node, FieldRead read)
    {
        var text = read.Text ?? (read.Value is { Kind: MetadataKind.String } value ? value.AsString() : null);
        return text is null ? FilterTruth.Unknown : From(node.Pattern.IsMatch(text));
    }

    /// <summary>Array membership: unknown unless the field is an array and the value is not NULL; then true when an item is equal.</summary>
    private static FilterTruth Contains(ContainsNode node, FieldRead read)
    {
        if (read.Value is not { Kind: MetadataKind.Array } array || node.Literal.IsNull)
        {
            return FilterTruth.Unknown;
        }

        var items = array.AsArray();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!item.IsNull && FilterValueComparer.EqualsLiteral(item, node.Literal) == true)
            {
                return FilterTruth.True;
            }
        }

        return FilterTruth.False;
    }
}
