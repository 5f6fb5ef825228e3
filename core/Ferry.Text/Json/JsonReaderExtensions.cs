using System.Text.Json;

namespace Ferry.Text.Json;

/// <summary>Reads number arrays through <see cref="JsonNumberArray"/> from inside a <see cref="Utf8JsonReader"/> walk.</summary>
public static class JsonReaderExtensions
{
    /// <summary>
    /// Parses the array the reader is positioned on (token <see cref="JsonTokenType.StartArray"/>) with the fast
    /// number-array parser and leaves the reader on the array's <see cref="JsonTokenType.EndArray"/>, as
    /// <see cref="Utf8JsonReader.Skip"/> would, without tokenising the numbers a second time.
    /// </summary>
    /// <remarks>
    /// The reader is replaced by one that continues after the array, the way a reader continues across buffers
    /// of a stream (<see cref="Utf8JsonReader(ReadOnlySpan{byte}, bool, JsonReaderState)"/>). Its offsets
    /// (<see cref="Utf8JsonReader.TokenStartIndex"/>, <see cref="Utf8JsonReader.BytesConsumed"/>) are therefore
    /// relative to the rest of the buffer, which is why <paramref name="json"/> is updated to that rest.
    /// </remarks>
    /// <param name="reader">A reader created over <paramref name="json"/> (one contiguous span), on a StartArray token.</param>
    /// <param name="json">The buffer the reader is reading; on return, the part after the array that the reader now reads.</param>
    /// <param name="destination">Receives the values.</param>
    /// <returns>The number of values.</returns>
    /// <exception cref="InvalidOperationException">The reader is not on a StartArray token or reads a multi-segment sequence.</exception>
    /// <exception cref="Utf8FormatException">The array is not an array of numbers or does not fit; the offset is from the start of <paramref name="json"/>.</exception>
    public static int ReadSingleArray(this ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, Span<float> destination)
    {
        int start = StartOfArray(ref reader, json);
        if (!JsonNumberArray.TryParseSingles(json[start..], destination, out int count, out int consumed, out Utf8ParseError error))
        {
            throw new Utf8FormatException(error with { Offset = error.Offset + start });
        }

        ContinueAfterArray(ref reader, ref json, start + consumed);
        return count;
    }

    /// <summary>
    /// Like <see cref="ReadSingleArray(ref Utf8JsonReader, ref ReadOnlySpan{byte}, Span{float})"/>, for an array
    /// of unknown length: returns a new array of exactly its values.
    /// </summary>
    /// <param name="reader">A reader created over <paramref name="json"/> (one contiguous span), on a StartArray token.</param>
    /// <param name="json">The buffer the reader is reading; on return, the part after the array that the reader now reads.</param>
    /// <returns>The values.</returns>
    public static float[] ReadSingleArray(this ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json)
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
            int offset = e.Offset + start;
            throw new Utf8FormatException(new Utf8ParseError(e.Kind, offset, (uint)offset < (uint)json.Length ? json[offset] : -1));
        }

        ContinueAfterArray(ref reader, ref json, start + consumed);
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

    private static void ContinueAfterArray(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end)
    {
        // The reader has seen "[" and expects values. Hand it a one-byte buffer holding "]" as the next piece of
        // the stream: it closes the array and its state is now exactly what it would be after the real "]".
        // A reader over the bytes after the array continues from that state.
        bool isFinalBlock = reader.IsFinalBlock;
        var closing = new Utf8JsonReader("]"u8, isFinalBlock: false, reader.CurrentState);
        if (!closing.Read() || closing.TokenType != JsonTokenType.EndArray)
        {
            throw new InvalidOperationException("The JSON reader did not accept the end of the array.");
        }

        json = json[end..];
        reader = new Utf8JsonReader(json, isFinalBlock, closing.CurrentState);
    }
}
