using System.Globalization;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Sdk.Records;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// Reads one column value of the current row as typed metadata. Integers of every width → Integer, float4 and
/// float8 → Float (bit-exact), numeric → Decimal (exactly, or the row fails), bool, text kinds → String,
/// uuid → String (lower case), timestamptz/timestamp → Timestamp (UTC; timestamp is taken as UTC), date →
/// Timestamp at midnight UTC, json/jsonb → nested values, bytea → Bytes, arrays → arrays (NULL items kept),
/// anything else → its text form. A value no kind can hold exactly throws <see cref="FormatException"/>, which
/// fails that row only.
/// </summary>
internal static class ValueReader
{
    /// <summary>The select-list expression for a column: its text form where the connector parses that itself.</summary>
    public static string Expression(ColumnInfo column)
    {
        var name = Sql.Identifier(column.Name);
        return column.Kind switch
        {
            // Vector columns read as metadata (left out of vector=) keep pgvector's own text form.
            PgValueKind.Numeric or PgValueKind.Other or PgValueKind.Vector or PgValueKind.HalfVector or PgValueKind.SparseVector => name + "::text",
            PgValueKind.Array when ReadsArrayAsText(column.ElementKind) => name + "::text[]",
            _ => name,
        };
    }

    public static MetadataValue Read(NpgsqlDataReader reader, int ordinal, ColumnInfo column)
    {
        switch (column.Kind)
        {
            case PgValueKind.Bool:
                return MetadataValue.FromBool(reader.GetBoolean(ordinal));
            case PgValueKind.Int16:
                return MetadataValue.FromInteger(reader.GetInt16(ordinal));
            case PgValueKind.Int32:
                return MetadataValue.FromInteger(reader.GetInt32(ordinal));
            case PgValueKind.Int64:
                return MetadataValue.FromInteger(reader.GetInt64(ordinal));
            case PgValueKind.Oid:
                return MetadataValue.FromInteger(reader.GetFieldValue<uint>(ordinal));
            case PgValueKind.Float4:
                return MetadataValue.FromFloat(reader.GetFloat(ordinal));
            case PgValueKind.Float8:
                return MetadataValue.FromFloat(reader.GetDouble(ordinal));
            case PgValueKind.Numeric:
                return MetadataValue.FromDecimal(ParseNumeric(reader.GetString(ordinal)));
            case PgValueKind.Text:
            case PgValueKind.Other:
            case PgValueKind.Vector:
            case PgValueKind.HalfVector:
            case PgValueKind.SparseVector:
                return MetadataValue.FromString(reader.GetString(ordinal));
            case PgValueKind.Uuid:
                return MetadataValue.FromString(reader.GetGuid(ordinal).ToString("D"));
            case PgValueKind.Json:
            case PgValueKind.Jsonb:
                return JsonValues.Parse(reader.GetString(ordinal));
            case PgValueKind.Bytea:
                return MetadataValue.FromBytes(reader.GetFieldValue<byte[]>(ordinal));
            case PgValueKind.Timestamp:
            case PgValueKind.TimestampTz:
                return MetadataValue.FromTimestamp(Instant(reader.GetFieldValue<DateTime>(ordinal)));
            case PgValueKind.Date:
                return MetadataValue.FromTimestamp(Midnight(reader.GetFieldValue<DateOnly>(ordinal)));
            case PgValueKind.Array:
                return ReadArray(reader, ordinal, column.ElementKind);
            default:
                return MetadataValue.FromString(reader.GetString(ordinal));
        }
    }

    /// <summary>Parses numeric's text form into a decimal that prints back the same digits and scale.</summary>
    public static decimal ParseNumeric(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && string.Equals(value.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal))
        {
            return value;
        }

        throw new FormatException(text is "NaN" or "Infinity" or "-Infinity"
            ? $"numeric {text} has no decimal form"
            : $"numeric {(text.Length > 40 ? text[..37] + "..." : text)} does not fit a 96-bit decimal (28 digits) exactly");
    }

    private static DateTimeOffset Instant(DateTime value)
    {
        // Npgsql maps 'infinity' and '-infinity' to the extreme DateTime values; they are not instants.
        if (value == DateTime.MaxValue || value == DateTime.MinValue)
        {
            throw new FormatException("infinite timestamps have no instant");
        }

        return new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    private static DateTimeOffset Midnight(DateOnly value)
    {
        if (value == DateOnly.MaxValue || value == DateOnly.MinValue)
        {
            throw new FormatException("infinite dates have no instant");
        }

        return new DateTimeOffset(value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    private static bool ReadsArrayAsText(PgValueKind element) =>
        element is PgValueKind.Numeric or PgValueKind.Json or PgValueKind.Jsonb or PgValueKind.Oid or PgValueKind.Other
            or PgValueKind.Vector or PgValueKind.HalfVector or PgValueKind.SparseVector or PgValueKind.Array;

    private static MetadataValue ReadArray(NpgsqlDataReader reader, int ordinal, PgValueKind element)
    {
        switch (element)
        {
            case PgValueKind.Bool:
                return Items(reader.GetFieldValue<bool?[]>(ordinal), static v => MetadataValue.FromBool(v));
            case PgValueKind.Int16:
                return Items(reader.GetFieldValue<short?[]>(ordinal), static v => MetadataValue.FromInteger(v));
            case PgValueKind.Int32:
                return Items(reader.GetFieldValue<int?[]>(ordinal), static v => MetadataValue.FromInteger(v));
            case PgValueKind.Int64:
                return Items(reader.GetFieldValue<long?[]>(ordinal), static v => MetadataValue.FromInteger(v));
            case PgValueKind.Float4:
                return Items(reader.GetFieldValue<float?[]>(ordinal), static v => MetadataValue.FromFloat(v));
            case PgValueKind.Float8:
                return Items(reader.GetFieldValue<double?[]>(ordinal), static v => MetadataValue.FromFloat(v));
            case PgValueKind.Uuid:
                return Items(reader.GetFieldValue<Guid?[]>(ordinal), static v => MetadataValue.FromString(v.ToString("D")));
            case PgValueKind.Timestamp:
            case PgValueKind.TimestampTz:
                return Items(reader.GetFieldValue<DateTime?[]>(ordinal), static v => MetadataValue.FromTimestamp(Instant(v)));
            case PgValueKind.Date:
                return Items(reader.GetFieldValue<DateOnly?[]>(ordinal), static v => MetadataValue.FromTimestamp(Midnight(v)));
            case PgValueKind.Text:
                return Strings(reader.GetFieldValue<string?[]>(ordinal), static s => MetadataValue.FromString(s));
            case PgValueKind.Bytea:
                var blobs = reader.GetFieldValue<byte[]?[]>(ordinal);
                var items = new MetadataValue[blobs.Length];
                for (var i = 0; i < blobs.Length; i++)
                {
                    items[i] = blobs[i] is { } blob ? MetadataValue.FromBytes(blob) : MetadataValue.Null;
                }

                return MetadataValue.FromArray(items);
            case PgValueKind.Numeric:
                return Strings(reader.GetFieldValue<string?[]>(ordinal), static s => MetadataValue.FromDecimal(ParseNumeric(s)));
            case PgValueKind.Json:
            case PgValueKind.Jsonb:
                return Strings(reader.GetFieldValue<string?[]>(ordinal), JsonValues.Parse);
            case PgValueKind.Oid:
                return Strings(reader.GetFieldValue<string?[]>(ordinal), static s => MetadataValue.FromInteger(long.Parse(s, CultureInfo.InvariantCulture)));
            default:
                return Strings(reader.GetFieldValue<string?[]>(ordinal), static s => MetadataValue.FromString(s));
        }
    }

    private static MetadataValue Items<T>(T?[] values, Func<T, MetadataValue> convert)
        where T : struct
    {
        var items = new MetadataValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            items[i] = values[i] is { } value ? convert(value) : MetadataValue.Null;
        }

        return MetadataValue.FromArray(items);
    }

    private static MetadataValue Strings(string?[] values, Func<string, MetadataValue> convert)
    {
        var items = new MetadataValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            items[i] = values[i] is { } value ? convert(value) : MetadataValue.Null;
        }

        return MetadataValue.FromArray(items);
    }
}
