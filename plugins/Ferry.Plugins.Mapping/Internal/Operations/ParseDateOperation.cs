using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>
/// parse_date: a string into a Timestamp. Without a format the string is ISO 8601 / RFC 3339 (<see cref="IsoTimestamp"/>);
/// with one, .NET custom format strings (invariant culture) are tried in order; <c>unix</c> and <c>unix_ms</c> read
/// seconds or milliseconds since the epoch (from a string of digits or an Integer). A string without an offset gets
/// the <c>offset</c> option's (default UTC). A Timestamp is left as it is.
/// </summary>
internal sealed class ParseDateOperation : ValueOperation
{
    private readonly DateMode _mode;
    private readonly string[] _formats;
    private readonly bool[] _formatHasOffset;
    private readonly TimeSpan _offset;

    public ParseDateOperation(DateMode mode, IReadOnlyList<string> formats, TimeSpan offset)
    {
        _mode = mode;
        _formats = [.. formats];
        _formatHasOffset = [.. formats.Select(HasOffsetSpecifier)];
        _offset = offset;
    }

    public override string Name => "parse_date";

    public override bool KeepsStrings => false;

    public override MetadataValue Apply(MetadataValue value)
    {
        if (value.Kind == MetadataKind.Timestamp)
        {
            return value;
        }

        if (_mode is DateMode.UnixSeconds or DateMode.UnixMilliseconds)
        {
            long count;
            if (value.Kind == MetadataKind.Integer)
            {
                count = value.AsInteger();
            }
            else if (value.Kind != MetadataKind.String || !long.TryParse(value.AsString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            {
                throw Unsupported(value, $"a whole number of {(_mode == DateMode.UnixSeconds ? "seconds" : "milliseconds")} since 1970-01-01 (a string of digits or an Integer)");
            }

            try
            {
                return MetadataValue.FromTimestamp(_mode == DateMode.UnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(count) : DateTimeOffset.FromUnixTimeMilliseconds(count));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new MappingValueException($"{count} is outside the range of timestamps (years 1 to 9999)", e);
            }
        }

        if (value.Kind != MetadataKind.String)
        {
            throw Unsupported(value, "a string");
        }

        var text = value.AsString();
        if (_mode == DateMode.Iso)
        {
            return IsoTimestamp.TryParse(text, _offset, out var iso)
                ? MetadataValue.FromTimestamp(iso)
                : throw new MappingValueException($"'{text}' is not an ISO 8601 timestamp such as 2024-01-31 or 2024-01-31T10:00:00Z");
        }

        for (var i = 0; i < _formats.Length; i++)
        {
            if (DateTimeOffset.TryParseExact(text, _formats[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return MetadataValue.FromTimestamp(_formatHasOffset[i] ? parsed : new DateTimeOffset(DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), _offset));
            }
        }

        throw new MappingValueException($"'{text}' does not match the date format{(_formats.Length > 1 ? "s" : string.Empty)} {string.Join(", ", _formats.Select(f => "'" + f + "'"))}");
    }

    public override MetadataKind? ResultKind(MetadataKind? input) => MetadataKind.Timestamp;

    /// <summary>Whether a custom format reads an offset (z, zz, zzz or K outside quoted literals).</summary>
    public static bool HasOffsetSpecifier(string format)
    {
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '\'' or '"')
            {
                var close = format.IndexOf(c, i + 1);
                i = close < 0 ? format.Length : close;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c is 'z' or 'K')
            {
                return true;
            }
        }

        return false;
    }
}
