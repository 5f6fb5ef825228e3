using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>A canonical text of DynamoDB items for comparisons: attributes sorted by name, set members sorted (sets have no order).</summary>
public static class DynamoItems
{
    public static string Canonical(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var builder = new StringBuilder();
        Map(builder, item);
        return builder.ToString();
    }

    private static void Map(StringBuilder builder, Dictionary<string, AttributeValue> map)
    {
        builder.Append('{');
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append('=');
            Value(builder, value);
            builder.Append(';');
        }

        builder.Append('}');
    }

    private static void Value(StringBuilder builder, AttributeValue value)
    {
        if (value.S is not null)
        {
            builder.Append("S:").Append(value.S);
        }
        else if (value.N is not null)
        {
            builder.Append("N:").Append(value.N);
        }
        else if (value.B is not null)
        {
            builder.Append("B:").Append(Convert.ToBase64String(value.B.ToArray()));
        }
        else if (value.BOOL is { } flag)
        {
            builder.Append("BOOL:").Append(flag.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.NULL == true)
        {
            builder.Append("NULL");
        }
        else if (value.SS is not null)
        {
            builder.Append("SS:").AppendJoin('|', value.SS.Order(StringComparer.Ordinal));
        }
        else if (value.NS is not null)
        {
            builder.Append("NS:").AppendJoin('|', value.NS.Order(StringComparer.Ordinal));
        }
        else if (value.BS is not null)
        {
            builder.Append("BS:").AppendJoin('|', value.BS.Select(b => Convert.ToBase64String(b.ToArray())).Order(StringComparer.Ordinal));
        }
        else if (value.L is not null)
        {
            builder.Append("L[");
            foreach (var item in value.L)
            {
                Value(builder, item);
                builder.Append(',');
            }

            builder.Append(']');
        }
        else if (value.M is not null)
        {
            builder.Append("M");
            Map(builder, value.M);
        }
        else
        {
            builder.Append(value.IsLSet ? "L[]" : value.IsMSet ? "M{}" : "?");
        }
    }
}
