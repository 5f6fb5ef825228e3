using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>
/// The text of a scalar value, as to_string and join write it (culture-invariant): integers in decimal digits; floats
/// in the shortest form that reads back to the same double (NaN, Infinity, -Infinity); decimals with their scale;
/// booleans as true/false; timestamps as ISO 8601 with their offset (yyyy-MM-ddTHH:mm:ss[.fffffff]±hh:mm, or a
/// given .NET format). A .NET format string, when given, applies to numbers and timestamps.
/// </summary>
internal static class ValueText
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public static bool TryFormat(MetadataValue value, string? format, out string text)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (value.Kind)
        {
            case MetadataKind.String:
                text = value.AsString();
                return true;
            case MetadataKind.Integer:
                text = value.AsInteger().ToString(format, culture);
                return true;
            case MetadataKind.Float:
                text = value.AsFloat().ToString(format ?? "R", culture);
                return true;
            case MetadataKind.Decimal:
                text = value.AsDecimal().ToString(format, culture);
                return true;
            case MetadataKind.Bool:
                text = value.AsBool() ? "true" : "false";
                return true;
            case MetadataKind.Timestamp:
                text = value.AsTimestamp().ToString(format ?? TimestampFormat, culture);
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }
}
