using System.Text.Json;

namespace Ferry.Text.Json;

/// <summary>Reads number arrays through <see cref="JsonNumberArray"/> from inside a <see cref="Utf8JsonReader"/> walk.</summary>
public static class JsonReaderExtensions
{
    /// <summary>
    /// Parses the array the reader is positioned on (token <see cref="JsonTokenType.StartArray"/>) with the fast
    /// number-array parser, then moves the reader to the array's <see cref="JsonTokenType.EndArray"/>, as
    /// <see cref="Utf8JsonReader.Skip"/> does, so the caller's walk continues with the next property.
    /// </summary>
    /// <param name="reader">A reader created over <paramref name="json"/> (one contiguous span), on a StartArray token.</param>
    /// <param name="json">The whole buffer the reader was created over.</param>
    /// <param name="destination">Receives the values.</param>
    /// <returns>The number of values.</returns>
    /// <exception cref="InvalidOperationException">The reader is not on a StartArray token or reads a multi-segment sequence.</exception>
    /// <exception cref="Utf8FormatException">The array is not an array of numbers or does not fit; the offset is from the start of <paramref name="json"/>.</exception>
    public static int ReadSingleArray(this ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Span<float> destination)
    {
        int start = StartOfArray(ref reader, json);
        if (!JsonNumberArray.TryParseSingles(json[start..], destination, out int count, out int consumed, out Utf8ParseError error))
        {
            throw new Utf8FormatException(error with { Offset = error.Offset + start });
        }

        SkipArray(ref reader, start + consumed);
        return count;
    }

    /// <summary>
    /// Like <see cref="ReadSingleArray(ref Utf8JsonReader, ReadOnlySpan{byte}, Span{float})"/>, for an array of
    /// unknown length: returns a new array of exactly its values.
    /// </summary>
    /// <param name="reader">A reader created over <paramref name="json"/> (one contiguous span), on a StartArray token.</param>
    /// <param name="json">The whole buffer the reader was created over.</param>
    /// <returns>The values.</returns>
    public static float[] ReadSingleArray(this ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start = StartOfArray(ref reader, json);
        float[] values;
        int consumed;
        try
        {
            values = JsonNumberArray.ParseSingles(json[start..], out consumed);
        }
        catch (Utf8FormatException e)
        {
            throw new Utf8FormatException(
                new Utf8ParseError(e.Kind, e.Offset + start, (uint)(e.Offset + start) < (uint)json.Length ? json[e.Offset + start] : -1));
        }

        SkipArray(ref reader, start + consumed);
        return values;
    }

    private static int StartOfArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException($"The reader is on {reader.TokenType}, not on the start of an array.");
        }

        if (reader.HasValueSequence || reader.TokenStartIndex >= json.Length || json[(int)reader.TokenStartIndex] != (byte)'[')
        {
            throw new InvalidOperationException("The reader must have been created over the given contiguous buffer.");
        }

        return (int)reader.TokenStartIndex;
    }

    private static void SkipArray(ref Utf8JsonReader reader, long end)
    {
        // Skip re-tokenises the numbers without converting them and leaves the reader's state consistent;
        // the check proves both parsers agreed on where the array ends.
        reader.Skip();
        if (reader.BytesConsumed != end)
        {
            throw new InvalidOperationException($"The array ended at byte {end} but the JSON reader ended it at byte {reader.BytesConsumed}.");
        }
    }
}
