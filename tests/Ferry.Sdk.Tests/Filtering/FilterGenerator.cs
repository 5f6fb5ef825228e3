using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Sdk.Tests.Filtering;

/// <summary>Random, well-formed filter trees for property tests: every node type, awkward names and every value kind.</summary>
internal sealed class FilterGenerator(int seed)
{
    private static readonly string[] Segments =
    [
        "a", "b", "price", "metadata", "id", "text", "title", "record_type", "collection", "x y", "and", "Not", "null",
        "a.b", "", "say \"hi\"", "ünï", "_x1", "1abc", "timestamp", "array_contains", "it's", "tags",
    ];

    private static readonly string[] Strings =
    [
        "", "a", "it's", "''", "\"", "\\", "50% off_", "%", "_", "a\nb", "é🚀", "\ud83d", " lead", "AND", "x = 1", "2024-01-01",
    ];

    private readonly Random _random = new(seed);

    public FilterExpression Filter(int depth = 0)
    {
        var choice = _random.Next(depth >= 4 ? 5 : 8);
        return choice switch
        {
            0 => new ComparisonFilter(Field(), (ComparisonOperator)_random.Next(6), Value(0)),
            1 => new InFilter(Field(), Values(_random.Next(5)), _random.Next(2) == 0),
            2 => new NullFilter(Field(), _random.Next(2) == 0),
            3 => new LikeFilter(Field(), String(), _random.Next(2) == 0),
            4 => new ContainsFilter(Field(), Value(0)),
            5 => new AndFilter(Filters(depth + 1)),
            6 => new OrFilter(Filters(depth + 1)),
            _ => new NotFilter(Filter(depth + 1)),
        };
    }

    public FieldReference Field()
    {
        var path = new string[1 + _random.Next(3)];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = Segments[_random.Next(Segments.Length)];
        }

        return new FieldReference(path);
    }

    public MetadataValue Value(int depth)
    {
        switch (_random.Next(depth >= 2 ? 8 : 10))
        {
            case 0: return MetadataValue.Null;
            case 1: return MetadataValue.FromBool(_random.Next(2) == 0);
            case 2: return MetadataValue.FromInteger(Integer());
            case 3: return MetadataValue.FromFloat(Float());
            case 4: return MetadataValue.FromDecimal(Decimal());
            case 5: return MetadataValue.FromString(String());
            case 6: return MetadataValue.FromTimestamp(Timestamp());
            case 7:
                var bytes = new byte[_random.Next(5)];
                _random.NextBytes(bytes);
                return MetadataValue.FromBytes(bytes);
            case 8: return MetadataValue.FromArray(Values(_random.Next(4), depth + 1));
            default:
                var entries = new Dictionary<string, MetadataValue>();
                var count = _random.Next(3);
                for (var i = 0; i < count; i++)
                {
                    entries[String()] = Value(depth + 1);
                }

                return MetadataValue.FromObject(entries);
        }
    }

    private FilterExpression[] Filters(int depth)
    {
        var operands = new FilterExpression[2 + _random.Next(3)];
        for (var i = 0; i < operands.Length; i++)
        {
            operands[i] = Filter(depth);
        }

        return operands;
    }

    private MetadataValue[] Values(int count, int depth = 0)
    {
        var values = new MetadataValue[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Value(depth);
        }

        return values;
    }

    private long Integer() => _random.Next(6) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => 0,
        _ => _random.NextInt64(-1_000_000, 1_000_000),
    };

    private double Float() => _random.Next(10) switch
    {
        0 => -0.0,
        1 => double.NaN,
        2 => double.PositiveInfinity,
        3 => double.NegativeInfinity,
        4 => double.Epsilon,
        5 => double.MaxValue,
        6 => Math.Round(_random.NextDouble() * 100),
        _ => BitConverter.Int64BitsToDouble(_random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF) * (_random.Next(2) == 0 ? 1 : -1),
    };

    private decimal Decimal() => new(_random.Next(8) == 0 ? 0 : _random.Next(), _random.Next(3) == 0 ? _random.Next() : 0, _random.Next(4) == 0 ? _random.Next() : 0, _random.Next(2) == 0, (byte)_random.Next(29));

    private string String() => _random.Next(3) == 0
        ? new string((char)_random.Next(32, 0x3000), _random.Next(1, 4))
        : Strings[_random.Next(Strings.Length)];

    private DateTimeOffset Timestamp()
    {
        var offset = TimeSpan.FromMinutes(_random.Next(-14 * 60, 14 * 60 + 1));
        var utc = _random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
        return new DateTimeOffset(new DateTime(utc + offset.Ticks), offset);
    }
}
