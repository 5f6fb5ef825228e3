using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// Parses Ferry's SQL-like filter language into a <see cref="FilterExpression"/> tree (see docs/filters.md).
/// </summary>
/// <remarks>
/// <para>
/// Predicates: <c>field = value</c> (also <c>!=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>,
/// <c>&gt;=</c>; a literal may stand on the left), <c>field [NOT] IN (v, …)</c>, <c>field IS [NOT] NULL</c>,
/// <c>field [NOT] LIKE 'pattern'</c>, <c>field [NOT] CONTAINS value</c> and <c>array_contains(field, value)</c>,
/// combined with <c>NOT</c>, <c>AND</c>, <c>OR</c> (that precedence, tightest first) and parentheses.
/// Keywords are case-insensitive.
/// </para>
/// <para>
/// Fields are dotted paths of identifiers (<c>letter|_</c> then letters, digits, <c>_</c>) or double-quoted
/// identifiers with <c>""</c> for a quote (<c>"my field".x</c>). Values: <c>'string'</c> (<c>''</c> escapes a
/// quote), integers (Integer; beyond 64 bits, Decimal), numbers with a fraction or exponent (Float),
/// <c>TRUE</c>, <c>FALSE</c>, <c>NULL</c>, <c>TIMESTAMP '2024-01-01T00:00:00Z'</c>, <c>DATE '2024-01-01'</c>,
/// <c>DECIMAL '1.50'</c>, <c>FLOAT 'NaN'</c>, <c>X'0AFF'</c> (bytes), <c>[v, …]</c> (array) and
/// <c>{'key': v, …}</c> (object).
/// </para>
/// <para>
/// <c>a AND b AND c</c> parses to one <see cref="AndFilter"/> with three operands (likewise OR); explicit
/// parentheses are kept as nested nodes so that <see cref="FilterFormatter"/> output parses back to an equal tree.
/// </para>
/// </remarks>
public static class FilterParser
{
    /// <summary>Parses a filter.</summary>
    /// <param name="text">The filter text.</param>
    /// <returns>The filter tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <c>null</c>.</exception>
    /// <exception cref="FilterSyntaxException">The text is not a valid filter; the exception names the position.</exception>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var filter = parser.ParseOr(0);
        parser.ExpectEnd("AND, OR or end of input");
        return filter;
    }

    /// <summary>Parses a field reference such as <c>metadata.author.name</c> or <c>"my field".x</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <c>null</c>.</exception>
    /// <exception cref="FilterSyntaxException">The text is not a field reference.</exception>
    public static FieldReference ParseField(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var field = parser.ParseFieldReference("a field name");
        parser.ExpectEnd("'.' or end of input");
        return field;
    }

    /// <summary>Parses a single literal value such as <c>42</c>, <c>'text'</c> or <c>TIMESTAMP '2024-01-01T00:00:00Z'</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <c>null</c>.</exception>
    /// <exception cref="FilterSyntaxException">The text is not a literal.</exception>
    public static MetadataValue ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var value = parser.ParseLiteral("a value", 0);
        parser.ExpectEnd("end of input");
        return value;
    }

    /// <summary>Recursive-descent parser over the token list; one instance per parse.</summary>
    private sealed class Parser
    {
        private readonly List<FilterToken> _tokens;
        private int _index;

        public Parser(string text)
        {
            _tokens = FilterTokenizer.Tokenize(text);
        }

        private FilterToken Current => _tokens[_index];

        private FilterToken Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

        public void ExpectEnd(string expected)
        {
            if (Current.Kind != FilterTokenKind.End)
            {
                throw Unexpected(expected);
            }
        }

        public FilterExpression ParseOr(int depth)
        {
            var first = ParseAnd(depth);
            if (!Current.IsKeyword("OR"))
            {
                return first;
            }

            var operands = new List<FilterExpression> { first };
            while (Current.IsKeyword("OR"))
            {
                _index++;
                operands.Add(ParseAnd(depth));
            }

            return new OrFilter(operands.ToArray());
        }

        private FilterExpression ParseAnd(int depth)
        {
            var first = ParseUnary(depth);
            if (!Current.IsKeyword("AND"))
            {
                return first;
            }

            var operands = new List<FilterExpression> { first };
            while (Current.IsKeyword("AND"))
            {
                _index++;
                operands.Add(ParseUnary(depth));
            }

            return new AndFilter(operands.ToArray());
        }

        private FilterExpression ParseUnary(int depth)
        {
            CheckDepth(depth);
            if (Current.IsKeyword("NOT"))
            {
                _index++;
                return new NotFilter(ParseUnary(depth + 1));
            }

            return ParsePrimary(depth);
        }

        private FilterExpression ParsePrimary(int depth)
        {
            var token = Current;
            if (token.Kind == FilterTokenKind.LeftParen)
            {
                _index++;
                var inner = ParseOr(depth + 1);
                if (Current.Kind != FilterTokenKind.RightParen)
                {
                    throw Unexpected("AND, OR or ')'");
                }

                _index++;
                return inner;
            }

            if (token.IsKeyword("array_contains") && Peek(1).Kind == FilterTokenKind.LeftParen)
            {
                return ParseArrayContainsCall(depth);
            }

            if (StartsLiteral())
            {
                return ParseLiteralFirstComparison(depth);
            }

            var field = ParseFieldReference("a field name, NOT or '('");
            return ParsePredicate(field, depth);
        }

        /// <summary><c>array_contains(field, value)</c>, the function spelling of <c>field CONTAINS value</c>.</summary>
        private ContainsFilter ParseArrayContainsCall(int depth)
        {
            _index += 2;
            var field = ParseFieldReference("a field name as the first argument of array_contains");
            if (Current.Kind != FilterTokenKind.Comma)
            {
                throw Unexpected("',' after the first argument of array_contains");
            }

            _index++;
            var value = ParseLiteral("a value as the second argument of array_contains", depth + 1);
            if (Current.Kind != FilterTokenKind.RightParen)
            {
                throw Unexpected("')' after the second argument of array_contains");
            }

            _index++;
            return new ContainsFilter(field, value);
        }

        /// <summary><c>literal OP field</c>: turned around so that the field is on the left, as the tree stores it.</summary>
        private ComparisonFilter ParseLiteralFirstComparison(int depth)
        {
            var value = ParseLiteral("a value", depth + 1);
            var operatorToken = Current;
            if (!TryComparisonOperator(operatorToken.Kind, out var op))
            {
                throw Unexpected("a comparison operator (=, !=, <, <=, >, >=) after the value");
            }

            _index++;
            var field = ParseFieldReference($"a field name after '{operatorToken.Text}' (one side of a comparison must be a field)");
            return new ComparisonFilter(field, Mirror(op), value);
        }

        private FilterExpression ParsePredicate(FieldReference field, int depth)
        {
            var token = Current;
            if (TryComparisonOperator(token.Kind, out var op))
            {
                _index++;
                var value = ParseLiteral($"a value after '{token.Text}'", depth + 1);
                return new ComparisonFilter(field, op, value);
            }

            if (token.IsKeyword("IS"))
            {
                _index++;
                var negated = false;
                if (Current.IsKeyword("NOT"))
                {
                    negated = true;
                    _index++;
                }

                if (!Current.IsKeyword("NULL"))
                {
                    throw Unexpected(negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
                }

                _index++;
                return new NullFilter(field, negated);
            }

            var notToken = false;
            if (token.IsKeyword("NOT"))
            {
                notToken = true;
                _index++;
                token = Current;
            }

            if (token.IsKeyword("IN"))
            {
                _index++;
                return new InFilter(field, ParseInList(depth), notToken);
            }

            if (token.IsKeyword("LIKE"))
            {
                _index++;
                if (Current.Kind != FilterTokenKind.String)
                {
                    throw Unexpected($"a quoted string pattern after {(notToken ? "NOT LIKE" : "LIKE")}");
                }

                var pattern = Current.Text;
                _index++;
                return new LikeFilter(field, pattern, notToken);
            }

            if (token.IsKeyword("CONTAINS"))
            {
                _index++;
                var contains = new ContainsFilter(field, ParseLiteral($"a value after {(notToken ? "NOT CONTAINS" : "CONTAINS")}", depth + 1));
                return notToken ? new NotFilter(contains) : contains;
            }

            if (notToken)
            {
                throw Unexpected("IN, LIKE or CONTAINS after NOT");
            }

            throw Unexpected($"an operator (=, !=, <, <=, >, >=, IN, NOT IN, IS, LIKE, NOT LIKE, CONTAINS) after field '{FilterFormatter.FormatField(field)}'");
        }

        private MetadataValue[] ParseInList(int depth)
        {
            if (Current.Kind != FilterTokenKind.LeftParen)
            {
                throw Unexpected("'(' to start the IN list");
            }

            _index++;
            var values = new List<MetadataValue>();
            if (Current.Kind == FilterTokenKind.RightParen)
            {
                _index++;
                return [];
            }

            while (true)
            {
                values.Add(ParseLiteral(values.Count == 0 ? "a value or ')' in the IN list" : "a value after ',' in the IN list", depth + 1));
                if (Current.Kind == FilterTokenKind.Comma)
                {
                    _index++;
                    continue;
                }

                if (Current.Kind == FilterTokenKind.RightParen)
                {
                    _index++;
                    return values.ToArray();
                }

                throw Unexpected("',' or ')' in the IN list");
            }
        }

        public FieldReference ParseFieldReference(string expected)
        {
            var segments = new List<string> { ParseSegment(expected) };
            while (Current.Kind == FilterTokenKind.Dot)
            {
                _index++;
                segments.Add(ParseSegment("a field name after '.'"));
            }

            return new FieldReference(segments.ToArray());
        }

        private string ParseSegment(string expected)
        {
            var token = Current;
            if (token.Kind == FilterTokenKind.QuotedIdentifier
                || (token.Kind == FilterTokenKind.Identifier && !FilterSyntax.IsReserved(token.Text)))
            {
                _index++;
                return token.Text;
            }

            throw Unexpected(expected);
        }

        /// <summary>True when the current token begins a literal rather than a field.</summary>
        private bool StartsLiteral()
        {
            var token = Current;
            switch (token.Kind)
            {
                case FilterTokenKind.String:
                case FilterTokenKind.Integer:
                case FilterTokenKind.Float:
                case FilterTokenKind.HexBytes:
                case FilterTokenKind.LeftBracket:
                case FilterTokenKind.LeftBrace:
                    return true;
                case FilterTokenKind.Identifier:
                    return token.IsKeyword("TRUE") || token.IsKeyword("FALSE") || token.IsKeyword("NULL")
                        || (IsTypedLiteralKeyword(token) && Peek(1).Kind == FilterTokenKind.String);
                default:
                    return false;
            }
        }

        private static bool IsTypedLiteralKeyword(FilterToken token) =>
            token.IsKeyword("TIMESTAMP") || token.IsKeyword("DATE") || token.IsKeyword("DECIMAL") || token.IsKeyword("FLOAT");

        public MetadataValue ParseLiteral(string expected, int depth)
        {
            CheckDepth(depth);
            var token = Current;
            switch (token.Kind)
            {
                case FilterTokenKind.String:
                    _index++;
                    return MetadataValue.FromString(token.Text);
                case FilterTokenKind.Integer:
                    _index++;
                    return IntegerLiteral(token);
                case FilterTokenKind.Float:
                    _index++;
                    return FloatLiteral(token, token.Text);
                case FilterTokenKind.HexBytes:
                    _index++;
                    return MetadataValue.FromBytes(Convert.FromHexString(token.Text));
                case FilterTokenKind.LeftBracket:
                    return ParseArrayLiteral(depth);
                case FilterTokenKind.LeftBrace:
                    return ParseObjectLiteral(depth);
                case FilterTokenKind.Identifier:
                    if (token.IsKeyword("TRUE"))
                    {
                        _index++;
                        return MetadataValue.True;
                    }

                    if (token.IsKeyword("FALSE"))
                    {
                        _index++;
                        return MetadataValue.False;
                    }

                    if (token.IsKeyword("NULL"))
                    {
                        _index++;
                        return MetadataValue.Null;
                    }

                    if (IsTypedLiteralKeyword(token))
                    {
                        return ParseTypedLiteral(token);
                    }

                    break;
            }

            throw Unexpected(expected);
        }

        /// <summary><c>TIMESTAMP '…'</c>, <c>DATE '…'</c>, <c>DECIMAL '…'</c>, <c>FLOAT '…'</c>.</summary>
        private MetadataValue ParseTypedLiteral(FilterToken keyword)
        {
            var type = keyword.Text.ToUpperInvariant();
            _index++;
            var body = Current;
            if (body.Kind != FilterTokenKind.String)
            {
                throw Unexpected($"a quoted string after {type}");
            }

            _index++;
            switch (type)
            {
                case "TIMESTAMP":
                    if (!FilterTimestamps.TryParse(body.Text, dateOnly: false, out var instant))
                    {
                        throw FilterSyntaxException.At(body.Start, $"expected an ISO-8601 timestamp such as '2024-01-01T00:00:00Z' after TIMESTAMP but found {body.Describe()}");
                    }

                    return MetadataValue.FromTimestamp(instant);
                case "DATE":
                    if (!FilterTimestamps.TryParse(body.Text, dateOnly: true, out var date))
                    {
                        throw FilterSyntaxException.At(body.Start, $"expected a date such as '2024-01-01' after DATE but found {body.Describe()}");
                    }

                    return MetadataValue.FromTimestamp(date);
                case "DECIMAL":
                    if (!decimal.TryParse(body.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var exact))
                    {
                        throw FilterSyntaxException.At(body.Start, $"expected a decimal number such as '12.50' after DECIMAL but found {body.Describe()}");
                    }

                    return MetadataValue.FromDecimal(exact);
                default:
                    return body.Text switch
                    {
                        "NaN" => MetadataValue.FromFloat(double.NaN),
                        "Infinity" or "+Infinity" => MetadataValue.FromFloat(double.PositiveInfinity),
                        "-Infinity" => MetadataValue.FromFloat(double.NegativeInfinity),
                        _ => FloatLiteral(body, body.Text),
                    };
            }
        }

        private MetadataValue ParseArrayLiteral(int depth)
        {
            _index++;
            var items = new List<MetadataValue>();
            if (Current.Kind == FilterTokenKind.RightBracket)
            {
                _index++;
                return MetadataValue.FromArray(items);
            }

            while (true)
            {
                items.Add(ParseLiteral(items.Count == 0 ? "a value or ']' in the array" : "a value after ',' in the array", depth + 1));
                if (Current.Kind == FilterTokenKind.Comma)
                {
                    _index++;
                    continue;
                }

                if (Current.Kind == FilterTokenKind.RightBracket)
                {
                    _index++;
                    return MetadataValue.FromArray(items);
                }

                throw Unexpected("',' or ']' in the array");
            }
        }

        private MetadataValue ParseObjectLiteral(int depth)
        {
            var open = Current;
            _index++;
            var entries = new List<KeyValuePair<string, MetadataValue>>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (Current.Kind == FilterTokenKind.RightBrace)
            {
                _index++;
                return MetadataValue.FromObject(entries);
            }

            while (true)
            {
                var key = Current;
                if (key.Kind != FilterTokenKind.String)
                {
                    throw Unexpected(entries.Count == 0 ? "a quoted key or '}' in the object" : "a quoted key after ',' in the object");
                }

                if (!keys.Add(key.Text))
                {
                    throw FilterSyntaxException.At(key.Start, $"duplicate key '{key.Text}' in the object starting at position {open.Start}");
                }

                _index++;
                if (Current.Kind != FilterTokenKind.Colon)
                {
                    throw Unexpected("':' after the object key");
                }

                _index++;
                entries.Add(new(key.Text, ParseLiteral("a value after ':' in the object", depth + 1)));
                if (Current.Kind == FilterTokenKind.Comma)
                {
                    _index++;
                    continue;
                }

                if (Current.Kind == FilterTokenKind.RightBrace)
                {
                    _index++;
                    return MetadataValue.FromObject(entries);
                }

                throw Unexpected("',' or '}' in the object");
            }
        }

        /// <summary>A 64-bit integer when it fits, else an exact decimal (e.g. an unsigned 64-bit id).</summary>
        private static MetadataValue IntegerLiteral(FilterToken token)
        {
            if (long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return MetadataValue.FromInteger(integer);
            }

            if (decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
            {
                return MetadataValue.FromDecimal(exact);
            }

            throw FilterSyntaxException.At(token.Start, $"the integer {token.Text} is out of range (at most 28 digits)");
        }

        private static MetadataValue FloatLiteral(FilterToken token, string text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw FilterSyntaxException.At(token.Start, $"expected a floating-point number but found {token.Describe()}");
            }

            if (double.IsInfinity(number))
            {
                throw FilterSyntaxException.At(token.Start, $"the number {text} is out of the range of a 64-bit float");
            }

            return MetadataValue.FromFloat(number);
        }

        private static bool TryComparisonOperator(FilterTokenKind kind, out ComparisonOperator op)
        {
            switch (kind)
            {
                case FilterTokenKind.Equal: op = ComparisonOperator.Equal; return true;
                case FilterTokenKind.NotEqual: op = ComparisonOperator.NotEqual; return true;
                case FilterTokenKind.Less: op = ComparisonOperator.LessThan; return true;
                case FilterTokenKind.LessOrEqual: op = ComparisonOperator.LessThanOrEqual; return true;
                case FilterTokenKind.Greater: op = ComparisonOperator.GreaterThan; return true;
                case FilterTokenKind.GreaterOrEqual: op = ComparisonOperator.GreaterThanOrEqual; return true;
                default: op = default; return false;
            }
        }

        /// <summary>The operator with its sides swapped: <c>5 &lt; x</c> is <c>x &gt; 5</c>.</summary>
        private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
        {
            ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
            ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
            ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
            ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
            _ => op,
        };

        private void CheckDepth(int depth)
        {
            if (depth > FilterSyntax.MaxDepth)
            {
                throw FilterSyntaxException.At(Current.Start, $"the filter is nested more than {FilterSyntax.MaxDepth} levels deep");
            }
        }

        private FilterSyntaxException Unexpected(string expected) =>
            FilterSyntaxException.At(Current.Start, $"expected {expected} but found {Current.Describe()}");
    }
}
