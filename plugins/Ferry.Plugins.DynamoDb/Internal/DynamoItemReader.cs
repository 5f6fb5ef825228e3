using System.Buffers.Binary;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Turns a DynamoDB item into a Ferry record (type mapping: docs/from-dynamodb.md). The key attributes make the id;
/// the vector attribute (L of N or B of little-endian float32) is the default vector; the text and title attributes
/// (when strings) are text and title; every other attribute is metadata: S → String, N → Integer/Float/Decimal by
/// value (<see cref="DynamoNumber"/>), B → Bytes, BOOL → Bool, NULL → Null, L → Array, M → Object, and the sets
/// SS/NS/BS → Array plus an entry in the metadata object <c>_dynamodb_types</c> (JSON pointer → set type) so that
/// writing the record back restores the set. The item's <c>_ferry_types</c> map, written by Ferry's sink, restores
/// kinds DynamoDB cannot hold itself (floats that look integral, decimal scales, timestamps, NaN, named vectors,
/// sparse vectors).
/// </summary>
internal sealed class DynamoItemReader
{
    private readonly DynamoSettings _settings;
    private readonly KeySchema _key;
    private readonly char _separator;

    public DynamoItemReader(DynamoSettings settings, KeySchema key)
    {
        _settings = settings;
        _key = key;
        _separator = settings.IdSeparator[0];
    }

    /// <summary>Converts an item; a failure names the record (when its key is readable) and the attribute at fault.</summary>
    public (Record? Record, RecordFailure? Failure) Read(Dictionary<string, AttributeValue> item, int? dimension)
    {
        string id;
        try
        {
            id = _key.IdOf(item, _separator);
        }
        catch (FormatException ex)
        {
            return (null, new RecordFailure(null, $"DynamoDB item without a usable key: {ex.Message}.") { Raw = DynamoJson.Describe(item) });
        }

        var record = new Record(id) { Source = new RecordSource("dynamodb", _settings.Location, id) };
        string? field = null;
        try
        {
            var kinds = item.TryGetValue(DynamoMarkers.FerryTypesAttribute, out var typesValue)
                ? ReadKinds(field = DynamoMarkers.FerryTypesAttribute, typesValue)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetValue(DynamoMarkers.FerryRecordAttribute, out var recordValue))
            {
                field = DynamoMarkers.FerryRecordAttribute;
                DynamoRecordFields.Read(recordValue, record);
            }

            var setTypes = new List<KeyValuePair<string, MetadataValue>>();
            foreach (var (name, value) in item)
            {
                field = name;
                if (_key.IsKey(name) || name is DynamoMarkers.FerryTypesAttribute or DynamoMarkers.FerryRecordAttribute)
                {
                    continue;
                }

                var path = JsonPointer.Root(name);
                kinds.TryGetValue(path, out var kind);
                if (kind == DynamoMarkers.VectorKind)
                {
                    record.Vectors[name] = ReadVector(value, null);
                }
                else if (name == _settings.VectorAttribute)
                {
                    record.Vectors[Record.DefaultVectorName] = ReadVector(value, dimension);
                }
                else if (kind == DynamoMarkers.SparseKind)
                {
                    record.Sparse[name] = ReadSparse(value);
                }
                else if (kind is null && value.S is { } text && name == _settings.TextAttribute && name.Length > 0)
                {
                    record.Text = text;
                }
                else if (kind is null && value.S is { } title && name == _settings.TitleAttribute && name.Length > 0)
                {
                    record.Title = title;
                }
                else
                {
                    record.Metadata[name] = Convert(value, path, kinds, setTypes);
                }
            }

            if (setTypes.Count > 0)
            {
                record.Metadata[DynamoMarkers.DynamoTypesKey] = MetadataValue.FromObject(setTypes);
            }

            return (record, null);
        }
        catch (FormatException ex)
        {
            return (null, new RecordFailure(id, $"DynamoDB item '{id}': attribute '{field}': {ex.Message}.") { Field = field, Raw = DynamoJson.Describe(item), Record = record });
        }
    }

    private static Dictionary<string, string> ReadKinds(string attribute, AttributeValue value)
    {
        if (value.M is not { } map)
        {
            throw new FormatException($"{attribute} must be a map of strings");
        }

        var kinds = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (path, kind) in map)
        {
            kinds[path] = kind.S ?? throw new FormatException($"the kind of '{path}' in {attribute} is not a string");
        }

        return kinds;
    }

    private static float[] ReadVector(AttributeValue value, int? dimension)
    {
        float[] vector;
        if (value.B is { } stream)
        {
            var bytes = stream.ToArray();
            if (bytes.Length % sizeof(float) != 0)
            {
                throw new FormatException($"a binary vector of {bytes.Length} bytes is not a whole number of float32 components");
            }

            vector = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }
        }
        else if (value.L is { } list)
        {
            vector = new float[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                var n = list[i].N ?? throw new FormatException($"vector component {i} is not a number");

                // float.Parse rounds the decimal straight to the nearest float32 (no double rounding).
                vector[i] = float.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            throw new FormatException("a vector must be a list of numbers (L) or binary float32 (B)");
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new FormatException($"vector component {i} is {vector[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (dimension is { } expected && vector.Length != expected)
        {
            throw new FormatException($"the vector has {vector.Length} components, the table's vectors {expected}");
        }

        return vector;
    }

    private static SparseVector ReadSparse(AttributeValue value)
    {
        if (value.M is not { } map || !map.TryGetValue("indices", out var indices) || !map.TryGetValue("values", out var values)
            || indices.L is not { } indexList || values.L is not { } valueList)
        {
            throw new FormatException("a sparse vector must be a map with lists 'indices' and 'values'");
        }

        var parsedIndices = new uint[indexList.Count];
        var parsedValues = new float[valueList.Count];
        for (var i = 0; i < parsedIndices.Length; i++)
        {
            parsedIndices[i] = uint.Parse(indexList[i].N ?? throw new FormatException("a sparse index is not a number"), CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < parsedValues.Length; i++)
        {
            parsedValues[i] = float.Parse(valueList[i].N ?? throw new FormatException("a sparse value is not a number"), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        try
        {
            return new SparseVector(parsedIndices, parsedValues);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private MetadataValue Convert(AttributeValue value, string path, Dictionary<string, string> kinds, List<KeyValuePair<string, MetadataValue>> setTypes)
    {
        if (kinds.TryGetValue(path, out var kind))
        {
            return Restore(kind, value);
        }

        if (value.S is { } text)
        {
            return MetadataValue.FromString(text);
        }

        if (value.N is { } number)
        {
            return Number(number, path, setTypes);
        }

        if (value.B is { } bytes)
        {
            return MetadataValue.FromBytes(bytes.ToArray());
        }

        if (value.BOOL is { } flag)
        {
            return MetadataValue.FromBool(flag);
        }

        if (value.NULL == true)
        {
            return MetadataValue.Null;
        }

        if (value.L is { } list)
        {
            var items = new MetadataValue[list.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Convert(list[i], JsonPointer.Append(path, i.ToString(CultureInfo.InvariantCulture)), kinds, setTypes);
            }

            return MetadataValue.FromArray(items);
        }

        if (value.M is { } map)
        {
            var entries = new List<KeyValuePair<string, MetadataValue>>(map.Count);
            foreach (var (key, item) in map)
            {
                entries.Add(new(key, Convert(item, JsonPointer.Append(path, key), kinds, setTypes)));
            }

            return MetadataValue.FromObject(entries);
        }

        if (value.SS is { } strings)
        {
            setTypes.Add(new(path, "SS"));
            return MetadataValue.FromArray(strings.Select(MetadataValue.FromString));
        }

        if (value.NS is { } numbers)
        {
            setTypes.Add(new(path, "NS"));
            var items = new MetadataValue[numbers.Count];
            for (var i = 0; i < items.Length; i++)
            {
                // A set member neither a long, a double nor a decimal holds stays its text; the NS marker restores it.
                items[i] = DynamoNumber.Classify(numbers[i], _settings.Numbers) ?? MetadataValue.FromString(numbers[i]);
            }

            return MetadataValue.FromArray(items);
        }

        if (value.BS is { } binaries)
        {
            setTypes.Add(new(path, "BS"));
            return MetadataValue.FromArray(binaries.Select(b => MetadataValue.FromBytes(b.ToArray())));
        }

        // An empty list or map arrives as a set-but-empty collection in some SDK paths.
        if (value.IsLSet)
        {
            return MetadataValue.FromArray([]);
        }

        if (value.IsMSet)
        {
            return MetadataValue.FromObject([]);
        }

        throw new FormatException("the attribute value has no type this version of Ferry knows");
    }

    private MetadataValue Number(string number, string path, List<KeyValuePair<string, MetadataValue>> setTypes)
    {
        if (DynamoNumber.Classify(number, _settings.Numbers) is { } typed)
        {
            return typed;
        }

        setTypes.Add(new(path, "N"));
        return MetadataValue.FromString(number);
    }

    private static MetadataValue Restore(string kind, AttributeValue value)
    {
        switch (kind)
        {
            case "float":
                var floatText = value.N ?? value.S ?? throw new FormatException("marked float but holds neither N nor S");
                return double.TryParse(floatText, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                    ? MetadataValue.FromFloat(real)
                    : throw new FormatException($"marked float but '{floatText}' is not one");
            case "timestamp":
                var instantText = value.S ?? throw new FormatException("marked timestamp but is not a string");
                return DateTimeOffset.TryParseExact(instantText, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                    || DateTimeOffset.TryParse(instantText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant)
                    ? MetadataValue.FromTimestamp(instant)
                    : throw new FormatException($"marked timestamp but '{instantText}' is not an ISO 8601 timestamp");
            case "string":
                return MetadataValue.FromString(value.S ?? throw new FormatException("marked string but is not one"));
            default:
                if (kind.StartsWith("decimal:", StringComparison.Ordinal)
                    && byte.TryParse(kind.AsSpan("decimal:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale <= 28)
                {
                    var decimalText = value.N ?? throw new FormatException("marked decimal but is not a number");
                    return decimal.TryParse(decimalText, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                        ? MetadataValue.FromDecimal(WithScale(amount, scale))
                        : throw new FormatException($"marked decimal but '{decimalText}' does not fit one");
                }

                throw new FormatException($"unknown kind '{kind}' in {DynamoMarkers.FerryTypesAttribute}");
        }
    }

    /// <summary>The same value with at least <paramref name="scale"/> digits after the point (DynamoDB drops trailing zeros).</summary>
    private static decimal WithScale(decimal value, byte scale) =>
        value.Scale >= scale ? value : value + new decimal(0, 0, 0, false, scale);
}
