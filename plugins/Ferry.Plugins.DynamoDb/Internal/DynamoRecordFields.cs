using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>Record type, collection and relationships in the <c>_ferry_record</c> map attribute (written only when not the defaults).</summary>
internal static class DynamoRecordFields
{
    public static AttributeValue? Write(Record record)
    {
        if (record.RecordType == RecordTypes.Document && record.Collection is null && record.Relationships.Count == 0)
        {
            return null;
        }

        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (record.RecordType != RecordTypes.Document)
        {
            map["record_type"] = new AttributeValue { S = record.RecordType };
        }

        if (record.Collection is not null)
        {
            map["collection"] = new AttributeValue { S = record.Collection };
        }

        if (record.Relationships.Count > 0)
        {
            var list = new List<AttributeValue>(record.Relationships.Count);
            foreach (var relationship in record.Relationships)
            {
                list.Add(new AttributeValue
                {
                    M = new Dictionary<string, AttributeValue>
                    {
                        ["kind"] = new() { S = relationship.Kind },
                        ["target"] = new() { S = relationship.TargetId },
                    },
                });
            }

            map["relationships"] = new AttributeValue { L = list };
        }

        return new AttributeValue { M = map };
    }

    public static void Read(AttributeValue value, Record record)
    {
        if (value.M is not { } map)
        {
            throw new FormatException("it must be a map");
        }

        if (map.TryGetValue("record_type", out var type))
        {
            record.RecordType = type.S ?? throw new FormatException("record_type must be a string");
        }

        if (map.TryGetValue("collection", out var collection))
        {
            record.Collection = collection.S ?? throw new FormatException("collection must be a string");
        }

        if (map.TryGetValue("relationships", out var relationships))
        {
            foreach (var relationship in relationships.L ?? throw new FormatException("relationships must be a list"))
            {
                if (relationship.M is not { } entry || !entry.TryGetValue("kind", out var kind) || !entry.TryGetValue("target", out var target)
                    || kind.S is null || target.S is null)
                {
                    throw new FormatException("a relationship must be a map with strings 'kind' and 'target'");
                }

                record.Relationships.Add(new Relationship(kind.S, target.S));
            }
        }
    }
}
