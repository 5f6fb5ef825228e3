using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Typing;

/// <summary>
/// Metadata values as plain text in one cell or element (CSV, XML, Markdown tables): strings as they are, numbers
/// in invariant round-trip form (a float always with a fraction or exponent), booleans <c>true</c>/<c>false</c>,
/// timestamps in ISO 8601 round-trip form with their offset, bytes as base64, arrays and objects as JSON
/// (<see cref="MetadataJson"/>). The kind is not in the text: the reader learns it from a typed header, a type
/// attribute or the <c>schema</c> option.
/// </summary>
internal static class CellText
{
    public static string Format(MetadataValue value) => value.Kind switch
    {
        MetadataKind.Null => string.Empty,
        MetadataKind.Bool => value.AsBool() ? "true" : "false",
        MetadataKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        MetadataKind.Float => double.IsNaN(value.AsFloat()) && BitConverter.DoubleToInt64Bits(value.AsFloat()) != BitConverter.DoubleToInt64Bits(double.NaN)
            ? MetadataText.FormatFloatBits(value.AsFloat())
            : MetadataText.FormatFloat(value.AsFloat()),
        MetadataKind.Decimal => MetadataText.FormatDecimal(value.AsDecimal()),
        MetadataKind.String => value.AsString(),
        MetadataKind.Timestamp => MetadataText.FormatTimestamp(value.AsTimestamp()),
        MetadataKind.Bytes => Convert.ToBase64String(value.AsBytes().Span),
        _ => MetadataJson.Serialize(value),
    };

    /// <summary>The type a cell of this value's kind needs to read back as that kind.</summary>
    public static FieldType TypeOf(MetadataValue value) => TypeSchema.TypeOf(value.Kind) ?? FieldType.Json;
}
