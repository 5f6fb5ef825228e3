using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>A node of a compiled filter: the AST with literals prepared, LIKE patterns compiled and fields resolved to slots.</summary>
internal abstract class FilterNode;

internal sealed class AndNode(FilterNode[] operands) : FilterNode
{
    public FilterNode[] Operands { get; } = operands;
}

internal sealed class OrNode(FilterNode[] operands) : FilterNode
{
    public FilterNode[] Operands { get; } = operands;
}

internal sealed class NotNode(FilterNode operand) : FilterNode
{
    public FilterNode Operand { get; } = operand;
}

internal sealed class ComparisonNode(FieldSlot slot, ComparisonOperator op, FilterLiteral literal) : FilterNode
{
    public FieldSlot Slot { get; } = slot;

    public ComparisonOperator Operator { get; } = op;

    public FilterLiteral Literal { get; } = literal;
}

internal sealed class NullNode(FieldSlot slot, bool negated) : FilterNode
{
    public FieldSlot Slot { get; } = slot;

    public bool Negated { get; } = negated;
}

internal sealed class LikeNode(FieldSlot slot, LikePattern pattern, bool negated) : FilterNode
{
    public FieldSlot Slot { get; } = slot;

    public LikePattern Pattern { get; } = pattern;

    public bool Negated { get; } = negated;
}

internal sealed class ContainsNode(FieldSlot slot, FilterLiteral literal) : FilterNode
{
    public FieldSlot Slot { get; } = slot;

    public FilterLiteral Literal { get; } = literal;
}

/// <summary>
/// <c>IN</c> with its list prepared: hash sets for all-string and all-integer lists of some length (an
/// <c>id IN (…)</c> with thousands of ids must not scan per row), the literals for everything else.
/// </summary>
internal sealed class InNode : FilterNode
{
    private const int HashThreshold = 8;

    public InNode(FieldSlot slot, FilterLiteral[] literals, bool negated)
    {
        Slot = slot;
        Literals = literals;
        Negated = negated;
        if (literals.Length < HashThreshold)
        {
            return;
        }

        var allStrings = true;
        var allIntegers = true;
        foreach (var literal in literals)
        {
            allStrings &= literal.Kind == MetadataKind.String;
            allIntegers &= literal.Kind == MetadataKind.Integer;
        }

        if (allStrings)
        {
            Strings = new HashSet<string>(StringComparer.Ordinal);
            foreach (var literal in literals)
            {
                Strings.Add(literal.String!);
            }
        }
        else if (allIntegers)
        {
            Integers = [];
            foreach (var literal in literals)
            {
                Integers.Add(literal.Value.AsInteger());
            }
        }
    }

    public FieldSlot Slot { get; }

    public FilterLiteral[] Literals { get; }

    public bool Negated { get; }

    /// <summary>The list as a set, when every item is a string.</summary>
    public HashSet<string>? Strings { get; }

    /// <summary>The list as a set, when every item is an integer.</summary>
    public HashSet<long>? Integers { get; }
}
