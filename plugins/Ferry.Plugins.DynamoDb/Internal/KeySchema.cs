using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// A table's key (partition key, and sort key when there is one) and the record id made of it.
/// <para>
/// The id of a table with a partition key only is that key's value as text: a string as it is, a number as DynamoDB
/// prints it, a binary key in base64. With a sort key the id is <c>PARTITION#SORT</c> (the separator is the option
/// <c>id_separator</c>), where a backslash or a separator inside either part is escaped with a backslash; writing
/// splits the id at the one unescaped separator and converts each part to its attribute's type (S, N or B).
/// </para>
/// </summary>
internal sealed record KeySchema(KeyAttribute Partition, KeyAttribute? Sort)
{
    public IEnumerable<KeyAttribute> Attributes => Sort is null ? [Partition] : [Partition, Sort];

    public bool IsKey(string attribute) => attribute == Partition.Name || attribute == Sort?.Name;

    /// <summary>Parses <c>name:TYPE[,name:TYPE]</c> (TYPE S, N or B; default S).</summary>
    public static KeySchema Parse(string spec)
    {
        var parts = spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw new ConnectorConfigurationException($"Option 'key' must be 'name:TYPE' or 'partition:TYPE,sort:TYPE' (TYPE S, N or B), got '{spec}'.");
        }

        var attributes = parts.Select(ParseAttribute).ToArray();
        return new KeySchema(attributes[0], attributes.Length > 1 ? attributes[1] : null);
    }

    public static KeySchema FromTable(TableDescription table)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in table.AttributeDefinitions ?? [])
        {
            types[definition.AttributeName] = definition.AttributeType.Value;
        }

        KeyAttribute? partition = null;
        KeyAttribute? sort = null;
        foreach (var element in table.KeySchema ?? [])
        {
            var attribute = new KeyAttribute(element.AttributeName, types.GetValueOrDefault(element.AttributeName, "S"));
            if (element.KeyType == Amazon.DynamoDBv2.KeyType.HASH)
            {
                partition = attribute;
            }
            else
            {
                sort = attribute;
            }
        }

        return new KeySchema(partition ?? throw new ConnectorException($"Table '{table.TableName}' reports no partition key."), sort);
    }

    /// <summary>The record id of an item (its key attributes must be present).</summary>
    public string IdOf(Dictionary<string, AttributeValue> item, char separator)
    {
        var partition = KeyText(Partition, item);
        if (Sort is null)
        {
            return partition;
        }

        var sort = KeyText(Sort, item);
        var builder = new StringBuilder(partition.Length + sort.Length + 4);
        Escape(builder, partition, separator);
        builder.Append(separator);
        Escape(builder, sort, separator);
        return builder.ToString();
    }

    /// <summary>The key attributes for a record id; throws <see cref="FormatException"/> when the id does not fit the key.</summary>
    public Dictionary<string, AttributeValue> KeyOf(string id, char separator)
    {
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal);
        if (Sort is null)
        {
            key[Partition.Name] = Value(Partition, id);
            return key;
        }

        var (partition, sort) = Split(id, separator);
        key[Partition.Name] = Value(Partition, partition);
        key[Sort.Name] = Value(Sort, sort);
        return key;
    }

    private static KeyAttribute ParseAttribute(string text)
    {
        var colon = text.LastIndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var type = colon < 0 ? "S" : text[(colon + 1)..].ToUpperInvariant();
        if (name.Length == 0 || type is not ("S" or "N" or "B"))
        {
            throw new ConnectorConfigurationException($"A key attribute is 'name:TYPE' with TYPE S, N or B, got '{text}'.");
        }

        return new KeyAttribute(name, type);
    }

    private static string KeyText(KeyAttribute attribute, Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(attribute.Name, out var value))
        {
            throw new FormatException($"the item has no key attribute '{attribute.Name}'");
        }

        return attribute.Type switch
        {
            "N" => value.N ?? throw new FormatException($"key attribute '{attribute.Name}' is not a number"),
            "B" => value.B is { } bytes ? Convert.ToBase64String(bytes.ToArray()) : throw new FormatException($"key attribute '{attribute.Name}' is not binary"),
            _ => value.S ?? throw new FormatException($"key attribute '{attribute.Name}' is not a string"),
        };
    }

    private static AttributeValue Value(KeyAttribute attribute, string text)
    {
        switch (attribute.Type)
        {
            case "N":
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"'{text}' is not a number, but key attribute '{attribute.Name}' is N");
                }

                return new AttributeValue { N = text };
            case "B":
                try
                {
                    return new AttributeValue { B = new MemoryStream(Convert.FromBase64String(text)) };
                }
                catch (FormatException)
                {
                    throw new FormatException($"'{text}' is not base64, but key attribute '{attribute.Name}' is B");
                }

            default:
                if (text.Length == 0)
                {
                    throw new FormatException($"key attribute '{attribute.Name}' cannot be empty");
                }

                return new AttributeValue { S = text };
        }
    }

    private static void Escape(StringBuilder builder, string part, char separator)
    {
        foreach (var c in part)
        {
            if (c == '\\' || c == separator)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }

    private static (string Partition, string Sort) Split(string id, char separator)
    {
        var partition = new StringBuilder(id.Length);
        var sort = new StringBuilder(id.Length);
        var current = partition;
        var separators = 0;
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (c == '\\' && i + 1 < id.Length)
            {
                current.Append(id[++i]);
            }
            else if (c == separator)
            {
                separators++;
                current = sort;
            }
            else
            {
                current.Append(c);
            }
        }

        return separators == 1
            ? (partition.ToString(), sort.ToString())
            : throw new FormatException($"the id '{id}' must be PARTITION{separator}SORT with one unescaped '{separator}' (the table has a sort key)");
    }
}
