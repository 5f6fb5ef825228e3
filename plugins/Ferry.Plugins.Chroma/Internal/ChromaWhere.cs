using System.Text.Json;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// Turns the part of a Ferry filter that Chroma evaluates exactly as Ferry does into a Chroma <c>where</c>:
/// equality on plain string or boolean metadata (<c>category = 'news'</c>, <c>draft = false</c>), IN on strings
/// (<c>lang IN ('en', 'de')</c>), and AND/OR of those. Chroma then returns a superset of the matching records (a record
/// Ferry matches holds exactly that string or boolean natively), and the source checks every record with Ferry's own
/// evaluator, so the result is exactly Ferry's. Numbers are not pushed down (Ferry compares integers, floats and
/// decimals as numbers; Chroma compares by stored type), nor are negations (Chroma and SQL's three-valued logic
/// treat missing keys differently), nor fields stored in Ferry's encoded form.
/// </summary>
internal static class ChromaWhere
{
    /// <summary>Writes the <c>where</c> for the pushable part of the filter; false when no part is pushable.</summary>
    public static bool TryWrite(FilterExpression filter, ChromaSettings settings, Utf8JsonWriter writer)
    {
        if (!IsPushable(filter, settings, whole: false))
        {
            return false;
        }

        Write(filter, settings, writer);
        return true;
    }

    /// <summary>Whether some conjunct of the filter narrows the read (the rest is checked record by record).</summary>
    public static bool CanPush(FilterExpression filter, ChromaSettings settings) => IsPushable(filter, settings, whole: false);

    /// <summary>Whether the filter (all of it when <paramref name="whole"/>, else at least one AND operand) translates.</summary>
    private static bool IsPushable(FilterExpression filter, ChromaSettings settings, bool whole) => filter switch
    {
        ComparisonFilter { Operator: ComparisonOperator.Equal } comparison => Key(comparison.Field, settings) is not null && IsExactLiteral(comparison.Value),
        InFilter { Negated: false } values => Key(values.Field, settings) is not null && values.Values.Count > 0 && AllStrings(values.Values),
        AndFilter and => whole ? and.Operands.All(o => IsPushable(o, settings, whole: true)) : and.Operands.Any(o => IsPushable(o, settings, whole: false)),
        OrFilter or => or.Operands.Count > 0 && or.Operands.All(o => IsPushable(o, settings, whole: true)),
        _ => false,
    };

    private static void Write(FilterExpression filter, ChromaSettings settings, Utf8JsonWriter writer)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                writer.WriteStartObject();
                writer.WriteStartObject(Key(comparison.Field, settings)!);
                writer.WritePropertyName("$eq");
                WriteLiteral(writer, comparison.Value);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case InFilter values:
                writer.WriteStartObject();
                writer.WriteStartObject(Key(values.Field, settings)!);
                writer.WriteStartArray("$in");
                foreach (var value in values.Values)
                {
                    writer.WriteStringValue(value.AsString());
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case AndFilter and:
                // Only the pushable operands narrow the read; the others are checked after decoding.
                var pushable = and.Operands.Where(o => IsPushable(o, settings, whole: false)).ToList();
                WriteCombination("$and", pushable, settings, writer);
                break;
            case OrFilter or:
                WriteCombination("$or", or.Operands, settings, writer);
                break;
            default:
                throw new InvalidOperationException($"Filter {filter} is not pushable to Chroma.");
        }
    }

    private static void WriteCombination(string op, IReadOnlyList<FilterExpression> operands, ChromaSettings settings, Utf8JsonWriter writer)
    {
        if (operands.Count == 1)
        {
            Write(operands[0], settings, writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartArray(op);
        foreach (var operand in operands)
        {
            Write(operand, settings, writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The Chroma metadata key a field names, or <c>null</c> when it is not a plain top-level metadata key.</summary>
    private static string? Key(FieldReference field, ChromaSettings settings)
    {
        var path = field.MetadataPath;
        if (field.RecordField is not null || path.Count != 1)
        {
            return null;
        }

        var key = path[0];
        var reserved = key == settings.TitleKey || key.StartsWith("_ferry_", StringComparison.Ordinal) || key.StartsWith("chroma:", StringComparison.Ordinal);
        return reserved ? null : key;
    }

    private static bool IsExactLiteral(MetadataValue value) => value.Kind is MetadataKind.String or MetadataKind.Bool;

    private static bool AllStrings(IReadOnlyList<MetadataValue> values)
    {
        foreach (var value in values)
        {
            if (value.Kind != MetadataKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteLiteral(Utf8JsonWriter writer, MetadataValue value)
    {
        if (value.Kind == MetadataKind.Bool)
        {
            writer.WriteBooleanValue(value.AsBool());
        }
        else
        {
            writer.WriteStringValue(value.AsString());
        }
    }
}
