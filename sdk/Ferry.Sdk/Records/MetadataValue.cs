using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace Ferry.Sdk.Records;

/// <summary>
/// An immutable, typed metadata value: null, bool, integer, float, decimal, string, timestamp, bytes,
/// array or object. Equality is structural; floats compare by bit pattern so that NaN equals itself
/// and -0.0 differs from 0.0 (Ferry promises bit-exact transport, not numeric closeness).
/// </summary>
public sealed class MetadataValue : IEquatable<MetadataValue>
{
    private static readonly ReadOnlyDictionary<string, MetadataValue> EmptyObject = new(new Dictionary<string, MetadataValue>());

    private readonly long _bits;
    private readonly object? _ref;

    private MetadataValue(MetadataKind kind, long bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>The shared null value.</summary>
    public static MetadataValue Null { get; } = new(MetadataKind.Null, 0, null);

    /// <summary>The shared <c>true</c> value.</summary>
    public static MetadataValue True { get; } = new(MetadataKind.Bool, 1, null);

    /// <summary>The shared <c>false</c> value.</summary>
    public static MetadataValue False { get; } = new(MetadataKind.Bool, 0, null);

    /// <summary>The kind of this value.</summary>
    public MetadataKind Kind { get; }

    /// <summary>True when this is <see cref="Null"/>.</summary>
    public bool IsNull => Kind == MetadataKind.Null;

    /// <summary>Creates a boolean value.</summary>
    public static MetadataValue FromBool(bool value) => value ? True : False;

    /// <summary>Creates an integer value.</summary>
    public static MetadataValue FromInteger(long value) => new(MetadataKind.Integer, value, null);

    /// <summary>Creates a floating-point value (kept bit for bit).</summary>
    public static MetadataValue FromFloat(double value) => new(MetadataKind.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>Creates an exact decimal value.</summary>
    public static MetadataValue FromDecimal(decimal value) => new(MetadataKind.Decimal, 0, value);

    /// <summary>Creates a string value; <c>null</c> gives <see cref="Null"/>.</summary>
    public static MetadataValue FromString(string? value) => value is null ? Null : new(MetadataKind.String, 0, value);

    /// <summary>Creates a timestamp value.</summary>
    public static MetadataValue FromTimestamp(DateTimeOffset value) => new(MetadataKind.Timestamp, 0, value);

    /// <summary>Creates a bytes value (the array is copied).</summary>
    public static MetadataValue FromBytes(ReadOnlySpan<byte> value) => new(MetadataKind.Bytes, 0, value.ToArray());

    /// <summary>Creates an array value (the items are copied).</summary>
    public static MetadataValue FromArray(IEnumerable<MetadataValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(MetadataKind.Array, 0, Array.AsReadOnly(items.ToArray()));
    }

    /// <summary>Creates an object value (the entries are copied, insertion order kept).</summary>
    public static MetadataValue FromObject(IEnumerable<KeyValuePair<string, MetadataValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var copy = new Dictionary<string, MetadataValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            copy[key] = value ?? Null;
        }

        return new(MetadataKind.Object, 0, copy.Count == 0 ? EmptyObject : new ReadOnlyDictionary<string, MetadataValue>(copy));
    }

    /// <summary>Implicit conversion from a string.</summary>
    public static implicit operator MetadataValue(string? value) => FromString(value);

    /// <summary>Implicit conversion from a 64-bit integer.</summary>
    public static implicit operator MetadataValue(long value) => FromInteger(value);

    /// <summary>Implicit conversion from a double.</summary>
    public static implicit operator MetadataValue(double value) => FromFloat(value);

    /// <summary>Implicit conversion from a boolean.</summary>
    public static implicit operator MetadataValue(bool value) => FromBool(value);

    /// <summary>Implicit conversion from a timestamp.</summary>
    public static implicit operator MetadataValue(DateTimeOffset value) => FromTimestamp(value);

    /// <summary>The boolean; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Bool"/>.</summary>
    public bool AsBool() => Kind == MetadataKind.Bool ? _bits != 0 : throw WrongKind(MetadataKind.Bool);

    /// <summary>The integer; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Integer"/>.</summary>
    public long AsInteger() => Kind == MetadataKind.Integer ? _bits : throw WrongKind(MetadataKind.Integer);

    /// <summary>The double; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Float"/>.</summary>
    public double AsFloat() => Kind == MetadataKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(MetadataKind.Float);

    /// <summary>The decimal; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Decimal"/>.</summary>
    public decimal AsDecimal() => Kind == MetadataKind.Decimal ? (decimal)_ref! : throw WrongKind(MetadataKind.Decimal);

    /// <summary>The string; throws when <see cref="Kind"/> is not <see cref="MetadataKind.String"/>.</summary>
    public string AsString() => Kind == MetadataKind.String ? (string)_ref! : throw WrongKind(MetadataKind.String);

    /// <summary>The timestamp; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Timestamp"/>.</summary>
    public DateTimeOffset AsTimestamp() => Kind == MetadataKind.Timestamp ? (DateTimeOffset)_ref! : throw WrongKind(MetadataKind.Timestamp);

    /// <summary>The bytes; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Bytes"/>.</summary>
    public ReadOnlyMemory<byte> AsBytes() => Kind == MetadataKind.Bytes ? (byte[])_ref! : throw WrongKind(MetadataKind.Bytes);

    /// <summary>The items; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Array"/>.</summary>
    public IReadOnlyList<MetadataValue> AsArray() => Kind == MetadataKind.Array ? (IReadOnlyList<MetadataValue>)_ref! : throw WrongKind(MetadataKind.Array);

    /// <summary>The entries; throws when <see cref="Kind"/> is not <see cref="MetadataKind.Object"/>.</summary>
    public IReadOnlyDictionary<string, MetadataValue> AsObject() => Kind == MetadataKind.Object ? (IReadOnlyDictionary<string, MetadataValue>)_ref! : throw WrongKind(MetadataKind.Object);

    /// <summary>
    /// The value as a double when it is numeric (integer, float or decimal), for comparisons across numeric kinds.
    /// </summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case MetadataKind.Integer: number = _bits; return true;
            case MetadataKind.Float: number = BitConverter.Int64BitsToDouble(_bits); return true;
            case MetadataKind.Decimal: number = (double)(decimal)_ref!; return true;
            default: number = 0; return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(MetadataValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case MetadataKind.Null:
                return true;
            case MetadataKind.Bool:
            case MetadataKind.Integer:
            case MetadataKind.Float:
                return _bits == other._bits;
            case MetadataKind.Decimal:
                return (decimal)_ref! == (decimal)other._ref! && decimal.GetBits((decimal)_ref!).AsSpan().SequenceEqual(decimal.GetBits((decimal)other._ref!));
            case MetadataKind.String:
                return string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal);
            case MetadataKind.Timestamp:
                return ((DateTimeOffset)_ref!).EqualsExact((DateTimeOffset)other._ref!);
            case MetadataKind.Bytes:
                return ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!);
            case MetadataKind.Array:
                var a = AsArray();
                var b = other.AsArray();
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!a[i].Equals(b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case MetadataKind.Object:
                var x = AsObject();
                var y = other.AsObject();
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MetadataValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        switch (Kind)
        {
            case MetadataKind.Null: return 0;
            case MetadataKind.Bool:
            case MetadataKind.Integer:
            case MetadataKind.Float: return HashCode.Combine(Kind, _bits);
            case MetadataKind.String: return HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_ref!));
            case MetadataKind.Array: return HashCode.Combine(Kind, AsArray().Count);
            case MetadataKind.Object: return HashCode.Combine(Kind, AsObject().Count);
            case MetadataKind.Bytes: return HashCode.Combine(Kind, ((byte[])_ref!).Length);
            default: return HashCode.Combine(Kind, _ref);
        }
    }

    /// <summary>A readable rendering for messages and logs (not a serialization format).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    private void Render(StringBuilder builder)
    {
        switch (Kind)
        {
            case MetadataKind.Null: builder.Append("null"); break;
            case MetadataKind.Bool: builder.Append(_bits != 0 ? "true" : "false"); break;
            case MetadataKind.Integer: builder.Append(_bits.ToString(CultureInfo.InvariantCulture)); break;
            case MetadataKind.Float: builder.Append(AsFloat().ToString("R", CultureInfo.InvariantCulture)); break;
            case MetadataKind.Decimal: builder.Append(AsDecimal().ToString(CultureInfo.InvariantCulture)).Append('m'); break;
            case MetadataKind.String: builder.Append('"').Append(AsString()).Append('"'); break;
            case MetadataKind.Timestamp: builder.Append(AsTimestamp().ToString("O", CultureInfo.InvariantCulture)); break;
            case MetadataKind.Bytes: builder.Append("0x").Append(Convert.ToHexString((byte[])_ref!)); break;
            case MetadataKind.Array:
                builder.Append('[');
                var items = AsArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    items[i].Render(builder);
                }

                builder.Append(']');
                break;
            case MetadataKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in AsObject())
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(key).Append(": ");
                    value.Render(builder);
                }

                builder.Append('}');
                break;
        }
    }

    private InvalidOperationException WrongKind(MetadataKind expected) =>
        new($"Metadata value is {Kind}, not {expected}.");
}
