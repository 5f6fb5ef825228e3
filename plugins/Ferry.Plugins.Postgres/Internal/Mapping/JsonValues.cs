using System.Globalization;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// Reads a <c>json</c>/<c>jsonb</c> column into nested metadata. A number keeps the kind its text shows: no
/// fraction or exponent → Integer (Decimal beyond 64 bits), otherwise Float. jsonb keeps a number's text as
/// written (1.0 stays 1.0), so that distinction survives the database.
/// </summary>
internal static class JsonValues
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static MetadataValue Parse(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return Convert(document.RootElement);
    }

    public static MetadataValue Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return MetadataValue.Null;
            case JsonValueKind.True:
                return MetadataValue.True;
            case JsonValueKind.False:
                return MetadataValue.False;
            case JsonValueKind.String:
                return MetadataValue.FromString(element.GetString());
            case JsonValueKind.Number:
                return Number(element.GetRawText());
            case JsonValueKind.Array:
                var items = new List<MetadataValue>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item));
                }

                return MetadataValue.FromArray(items);
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, MetadataValue>>();
                foreach (var property in element.EnumerateObject())
                {
                    entries.Add(new(property.Name, Convert(property.Value)));
                }

                return MetadataValue.FromObject(entries);
            default:
                throw new FormatException($"Unexpected JSON token {element.ValueKind}.");
        }
    }

    /// <summary>A JSON number by the kind its text shows; throws <see cref="FormatException"/> when no kind holds it exactly.</summary>
    public static MetadataValue Number(string text)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(value)
                ? MetadataValue.FromFloat(value)
                : throw new FormatException($"The JSON number {Shorten(text)} is beyond the range of a 64-bit float.");
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return MetadataValue.FromInteger(integer);
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
            && string.Equals(big.ToString(CultureInfo.InvariantCulture), text.TrimStart('+'), StringComparison.Ordinal))
        {
            return MetadataValue.FromDecimal(big);
        }

        throw new FormatException($"The JSON integer {Shorten(text)} is beyond the range of a 64-bit integer and of a decimal.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
