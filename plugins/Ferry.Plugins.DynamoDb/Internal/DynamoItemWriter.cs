using System.Buffers.Binary;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Turns a Ferry record into a DynamoDB item, the inverse of <see cref="DynamoItemReader"/>: the id becomes the key
/// attributes, vectors go to their attributes (L of N or B as <c>vector_format</c> says; a list vector with a -0
/// component is written as binary because DynamoDB numbers have no negative zero), and every metadata kind goes to its
/// natural DynamoDB type, with an entry in <c>_ferry_types</c> wherever reading it back would otherwise give another
/// kind or value: a float DynamoDB would hand back as an integer or decimal (1.0, 1e20), a non-finite float or -0 (as a
/// string), a decimal whose trailing zeros DynamoDB drops (its scale), a timestamp (ISO 8601 string). Entries of the
/// record's <c>_dynamodb_types</c> turn arrays back into SS/NS/BS sets and strings back into N.
/// </summary>
internal sealed class DynamoItemWriter
{
    private readonly DynamoSettings _settings;
    private readonly KeySchema _key;
    private readonly char _separator;

    public DynamoItemWriter(DynamoSettings settings, KeySchema key, VectorFormat format)
    {
        _settings = settings;
        _key = key;
        _separator = settings.IdSeparator[0];
        Format = format;
    }

    public VectorFormat Format { get; }

    public (Dictionary<string, AttributeValue>? Item, RecordFailure? Failure) Write(Record record, int? dimension)
    {
        string? field = "id";
        try
        {
            var item = _key.KeyOf(record.Id, _separator);
            var kinds = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            var setTypes = ReadSetTypes(record);
            foreach (var (name, value) in record.Metadata)
            {
                field = name;
                if (name == DynamoMarkers.DynamoTypesKey)
                {
                    continue;
                }

                CheckName(name, item);
                item[name] = ToAttribute(value, JsonPointer.Root(name), kinds, setTypes);
            }

            field = _settings.TextAttribute;
            WriteString(item, kinds, _settings.TextAttribute, record.Text, "text");
            field = _settings.TitleAttribute;
            WriteString(item, kinds, _settings.TitleAttribute, record.Title, "title");

            foreach (var (name, vector) in record.Vectors)
            {
                field = name;
                var attribute = name == Record.DefaultVectorName ? _settings.VectorAttribute : name;
                if (name == Record.DefaultVectorName && dimension is { } expected && vector.Length != expected)
                {
                    throw new FormatException($"the vector has {vector.Length} components, the table's vectors {expected}");
                }

                CheckName(attribute, item);
                item[attribute] = WriteVector(vector);
                if (name != Record.DefaultVectorName)
                {
                    kinds[JsonPointer.Root(attribute)] = new AttributeValue { S = DynamoMarkers.VectorKind };
                }
            }

            foreach (var (name, sparse) in record.Sparse)
            {
                field = name;
                CheckName(name, item);
                item[name] = WriteSparse(sparse);
                kinds[JsonPointer.Root(name)] = new AttributeValue { S = DynamoMarkers.SparseKind };
            }

            field = DynamoMarkers.FerryRecordAttribute;
            if (DynamoRecordFields.Write(record) is { } recordFields)
            {
                item[DynamoMarkers.FerryRecordAttribute] = recordFields;
            }

            if (kinds.Count > 0)
            {
                item[DynamoMarkers.FerryTypesAttribute] = new AttributeValue { M = kinds };
            }

            return (item, null);
        }
        catch (FormatException ex)
        {
            return (null, new RecordFailure(record.Id, $"Record '{record.Id}' cannot be written to DynamoDB: '{field}': {ex.Message}.") { Field = field, Record = record });
        }
    }

    private static Dictionary<string, string> ReadSetTypes(Record record)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!record.Metadata.TryGetValue(DynamoMarkers.DynamoTypesKey, out var marker))
        {
            return types;
        }

        if (marker.Kind != MetadataKind.Object)
        {
            throw new FormatException($"metadata '{DynamoMarkers.DynamoTypesKey}' must be an object of JSON pointer → SS, NS, BS or N");
        }

        foreach (var (path, type) in marker.AsObject())
        {
            if (type.Kind != MetadataKind.String || type.AsString() is not ("SS" or "NS" or "BS" or "N"))
            {
                throw new FormatException($"'{DynamoMarkers.DynamoTypesKey}' entry '{path}' must be SS, NS, BS or N");
            }

            types[path] = type.AsString();
        }

        return types;
    }

    private void CheckName(string name, Dictionary<string, AttributeValue> item)
    {
        if (name.Length == 0)
        {
            throw new FormatException("DynamoDB attribute names cannot be empty");
        }

        if (_key.IsKey(name) || item.ContainsKey(name) || name is DynamoMarkers.FerryTypesAttribute or DynamoMarkers.FerryRecordAttribute)
        {
            throw new FormatException($"the attribute name '{name}' is taken (key, vector, text or title attribute, or reserved by Ferry)");
        }
    }

    private void WriteString(Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue> kinds, string attribute, string? value, string what)
    {
        if (attribute.Length == 0)
        {
            return;
        }

        if (value is null)
        {
            // A metadata string under the text or title attribute name is metadata: mark it, or reading would take it for the text.
            if (item.TryGetValue(attribute, out var existing) && existing.S is not null && !kinds.ContainsKey(JsonPointer.Root(attribute)))
            {
                kinds[JsonPointer.Root(attribute)] = new AttributeValue { S = "string" };
            }

            return;
        }

        if (item.ContainsKey(attribute))
        {
            throw new FormatException($"the record's {what} and its metadata '{attribute}' would share one attribute; set the option {what}= to another name");
        }

        if (_key.IsKey(attribute))
        {
            throw new FormatException($"the {what} attribute '{attribute}' is a key attribute");
        }

        item[attribute] = new AttributeValue { S = value };
    }

    private AttributeValue WriteVector(float[] vector)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new FormatException($"vector component {i} is {vector[i].ToString(CultureInfo.InvariantCulture)}; only finite numbers are written");
            }
        }

        if (Format == VectorFormat.List && !HasNegativeZero(vector))
        {
            var list = new List<AttributeValue>(vector.Length);
            foreach (var component in vector)
            {
                // The shortest text that float.Parse turns back into the same float32.
                list.Add(new AttributeValue { N = component.ToString("R", CultureInfo.InvariantCulture) });
            }

            return new AttributeValue { L = list };
        }

        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return new AttributeValue { B = new MemoryStream(bytes) };
    }

    private static bool HasNegativeZero(float[] vector)
    {
        foreach (var component in vector)
        {
            if (component == 0 && float.IsNegative(component))
            {
                return true;
            }
        }

        return false;
    }

    private static AttributeValue WriteSparse(SparseVector sparse)
    {
        var indices = new List<AttributeValue>(sparse.Count);
        var values = new List<AttributeValue>(sparse.Count);
        for (var i = 0; i < sparse.Count; i++)
        {
            indices.Add(new AttributeValue { N = sparse.Indices[i].ToString(CultureInfo.InvariantCulture) });
            var value = sparse.Values[i];
            if (!float.IsFinite(value) || (value == 0 && float.IsNegative(value)))
            {
                throw new FormatException($"sparse value {i} is {value.ToString(CultureInfo.InvariantCulture)}, which a DynamoDB number cannot hold");
            }

            values.Add(new AttributeValue { N = value.ToString("R", CultureInfo.InvariantCulture) });
        }

        return new AttributeValue
        {
            M = new Dictionary<string, AttributeValue> { ["indices"] = new() { L = indices }, ["values"] = new() { L = values } },
        };
    }

    private static AttributeValue ToAttribute(MetadataValue value, string path, Dictionary<string, AttributeValue> kinds, Dictionary<string, string> setTypes)
    {
        if (setTypes.TryGetValue(path, out var setType))
        {
            return ToMarkedType(value, setType);
        }

        switch (value.Kind)
        {
            case MetadataKind.Null:
                return new AttributeValue { NULL = true };
            case MetadataKind.Bool:
                return new AttributeValue { BOOL = value.AsBool() };
            case MetadataKind.Integer:
                return new AttributeValue { N = value.AsInteger().ToString(CultureInfo.InvariantCulture) };
            case MetadataKind.String:
                return new AttributeValue { S = value.AsString() };
            case MetadataKind.Bytes:
                return new AttributeValue { B = new MemoryStream(value.AsBytes().ToArray()) };
            case MetadataKind.Float:
                var real = value.AsFloat();
                if (DynamoNumber.Format(real) is { } text)
                {
                    if (!value.Equals(DynamoNumber.Classify(text, NumberMode.Auto)))
                    {
                        kinds[path] = new AttributeValue { S = "float" };
                    }

                    return new AttributeValue { N = text };
                }

                kinds[path] = new AttributeValue { S = "float" };
                return new AttributeValue { S = real.ToString("R", CultureInfo.InvariantCulture) };
            case MetadataKind.Decimal:
                var amount = value.AsDecimal();
                var amountText = amount.ToString(CultureInfo.InvariantCulture);
                var read = DynamoNumber.Classify(amountText, NumberMode.Auto);
                var storedScale = DynamoNumber.Canonical.Of(amountText).Scale;
                if (read is not { Kind: MetadataKind.Decimal } || amount.Scale != storedScale)
                {
                    kinds[path] = new AttributeValue { S = "decimal:" + amount.Scale.ToString(CultureInfo.InvariantCulture) };
                }

                return new AttributeValue { N = amountText };
            case MetadataKind.Timestamp:
                kinds[path] = new AttributeValue { S = "timestamp" };
                return new AttributeValue { S = value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture) };
            case MetadataKind.Array:
                var items = value.AsArray();
                var list = new List<AttributeValue>(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    list.Add(ToAttribute(items[i], JsonPointer.Append(path, i.ToString(CultureInfo.InvariantCulture)), kinds, setTypes));
                }

                return new AttributeValue { L = list };
            case MetadataKind.Object:
                var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
                foreach (var (key, item) in value.AsObject())
                {
                    map[key] = ToAttribute(item, JsonPointer.Append(path, key), kinds, setTypes);
                }

                return new AttributeValue { M = map };
            default:
                throw new FormatException($"unknown metadata kind {value.Kind}");
        }
    }

    private static AttributeValue ToMarkedType(MetadataValue value, string type)
    {
        if (type == "N")
        {
            return value.Kind == MetadataKind.String && DynamoNumber.InRange(value.AsString())
                ? new AttributeValue { N = value.AsString() }
                : throw new FormatException($"marked N in {DynamoMarkers.DynamoTypesKey} but {value} is not a DynamoDB number");
        }

        if (value.Kind != MetadataKind.Array || value.AsArray().Count == 0)
        {
            throw new FormatException($"marked {type} in {DynamoMarkers.DynamoTypesKey} but is not a non-empty array (DynamoDB has no empty sets)");
        }

        var items = value.AsArray();
        switch (type)
        {
            case "SS":
                var strings = new List<string>(items.Count);
                foreach (var item in items)
                {
                    strings.Add(item.Kind == MetadataKind.String ? item.AsString() : throw new FormatException($"a string set holds {item}"));
                }

                return Distinct(strings) ? new AttributeValue { SS = strings } : throw new FormatException("a string set holds a value twice");
            case "NS":
                var numbers = new List<string>(items.Count);
                foreach (var item in items)
                {
                    numbers.Add(item.Kind switch
                    {
                        MetadataKind.Integer => item.AsInteger().ToString(CultureInfo.InvariantCulture),
                        MetadataKind.Float when DynamoNumber.Format(item.AsFloat()) is { } text => text,
                        MetadataKind.Decimal => item.AsDecimal().ToString(CultureInfo.InvariantCulture),
                        MetadataKind.String when DynamoNumber.InRange(item.AsString()) => item.AsString(),
                        _ => throw new FormatException($"a number set holds {item}"),
                    });
                }

                return new AttributeValue { NS = numbers };
            default:
                var binaries = new List<MemoryStream>(items.Count);
                foreach (var item in items)
                {
                    binaries.Add(item.Kind == MetadataKind.Bytes ? new MemoryStream(item.AsBytes().ToArray()) : throw new FormatException($"a binary set holds {item}"));
                }

                return new AttributeValue { BS = binaries };
        }
    }

    private static bool Distinct(List<string> values) => new HashSet<string>(values, StringComparer.Ordinal).Count == values.Count;
}
