using System.Buffers;
using System.Runtime.CompilerServices;
using Ferry.Text.Numbers;

namespace Ferry.Text.Json;

/// <summary>
/// Reads and writes JSON arrays of numbers (<c>[0.1,-2e-3, 4]</c>), the shape embeddings take in JSON Lines,
/// without a general JSON tokenizer.
/// </summary>
/// <remarks>
/// <para>
/// Reading accepts JSON whitespace (space, tab, CR, LF) anywhere between tokens and every number spelling
/// <see cref="Utf8Number"/> accepts (so also <c>+1</c>, <c>007</c>, <c>.5</c>), bare <c>NaN</c>,
/// <c>Infinity</c>, <c>-Infinity</c> (Python's <c>json</c>), and numbers or those literals in double quotes
/// (System.Text.Json's named floating-point literals, numbers written as strings). Numbers are correctly
/// rounded to binary32. <c>null</c> is an error: JavaScript writes NaN and infinities as null and the value is lost.
/// </para>
/// <para>
/// Parsing stops after the closing <c>]</c> and reports how many bytes it consumed, so a caller holding a whole
/// JSON Lines record slices from the <c>[</c> and continues after the array.
/// </para>
/// </remarks>
public static class JsonNumberArray
{
    /// <summary>Parses a JSON array of numbers into <paramref name="destination"/>.</summary>
    /// <param name="utf8">UTF-8 text that starts (after optional whitespace) with <c>[</c>.</param>
    /// <param name="destination">Receives the values in order.</param>
    /// <param name="bytesConsumed">Bytes up to and including the closing <c>]</c>.</param>
    /// <returns>The number of values written to <paramref name="destination"/>.</returns>
    /// <exception cref="Utf8FormatException">The text is malformed or has more values than <paramref name="destination"/> holds; the message names the byte offset.</exception>
    public static int ParseSingles(ReadOnlySpan<byte> utf8, Span<float> destination, out int bytesConsumed)
    {
        if (!TryParseSingles(utf8, destination, out int count, out bytesConsumed, out Utf8ParseError error))
        {
            throw new Utf8FormatException(error);
        }

        return count;
    }

    /// <summary>Parses a JSON array of numbers of any length into a new array.</summary>
    /// <param name="utf8">UTF-8 text that starts (after optional whitespace) with <c>[</c>.</param>
    /// <param name="bytesConsumed">Bytes up to and including the closing <c>]</c>.</param>
    /// <returns>The values, in order.</returns>
    /// <exception cref="Utf8FormatException">The text is malformed; the message names the byte offset.</exception>
    public static float[] ParseSingles(ReadOnlySpan<byte> utf8, out int bytesConsumed)
    {
        // In a well-formed number array every value but the last is followed by exactly one comma, and no
        // ']' or ',' can occur inside a value, so a vectorised count sizes the result exactly.
        int close = utf8.IndexOf((byte)']');
        int capacity = close < 0 ? 0 : utf8[..close].Count((byte)',') + 1;
        float[] values = capacity == 0 ? [] : new float[capacity];
        int count = ParseSingles(utf8, values, out bytesConsumed);
        return count == values.Length ? values : values[..count];
    }

    /// <summary>Parses a JSON array of numbers into <paramref name="destination"/> without throwing.</summary>
    /// <param name="utf8">UTF-8 text that starts (after optional whitespace) with <c>[</c>.</param>
    /// <param name="destination">Receives the values in order.</param>
    /// <param name="count">Values written (also on failure: those parsed before the error).</param>
    /// <param name="bytesConsumed">Bytes up to and including the closing <c>]</c>; 0 on failure.</param>
    /// <param name="error">On failure, what went wrong and at which byte offset.</param>
    /// <returns>True when a complete array was parsed.</returns>
    public static bool TryParseSingles(
        ReadOnlySpan<byte> utf8, Span<float> destination, out int count, out int bytesConsumed, out Utf8ParseError error)
    {
        count = 0;
        bytesConsumed = 0;
        error = default;
        int i = SkipWhitespace(utf8, 0);
        if (i >= utf8.Length)
        {
            return Fail(Utf8ParseErrorKind.UnexpectedEnd, utf8, i, out error);
        }

        if (utf8[i] != (byte)'[')
        {
            return Fail(Utf8ParseErrorKind.ExpectedArrayStart, utf8, i, out error);
        }

        i = SkipWhitespace(utf8, i + 1);
        if ((uint)i < (uint)utf8.Length && utf8[i] == (byte)']')
        {
            bytesConsumed = i + 1;
            return true;
        }

        while (true)
        {
            int consumed = DecimalScanner.Scan(utf8[i..], out ParsedDecimal number);
            float value;
            if (consumed > 0)
            {
                value = Utf8Number.ToSingle(in number, utf8.Slice(i, consumed));
            }
            else if (!TryParseQuoted(utf8[i..], out value, out consumed))
            {
                Utf8ParseErrorKind kind = i >= utf8.Length ? Utf8ParseErrorKind.UnexpectedEnd
                    : utf8[i..].StartsWith("null"u8) ? Utf8ParseErrorKind.NullValue
                    : Utf8ParseErrorKind.ExpectedNumber;
                return Fail(kind, utf8, i, out error);
            }

            if ((uint)count >= (uint)destination.Length)
            {
                error = new Utf8ParseError(Utf8ParseErrorKind.DestinationTooSmall, i, utf8[i], destination.Length);
                return false;
            }

            destination[count++] = value;
            i += consumed;

            // Writers such as JSON.stringify put no whitespace between values: test the separator first.
            if ((uint)i < (uint)utf8.Length && utf8[i] == (byte)',')
            {
                i = SkipWhitespace(utf8, i + 1);
                continue;
            }

            i = SkipWhitespace(utf8, i);
            if (i >= utf8.Length)
            {
                return Fail(Utf8ParseErrorKind.UnexpectedEnd, utf8, i, out error);
            }

            if (utf8[i] == (byte)',')
            {
                i = SkipWhitespace(utf8, i + 1);
            }
            else if (utf8[i] == (byte)']')
            {
                bytesConsumed = i + 1;
                return true;
            }
            else
            {
                return Fail(Utf8ParseErrorKind.ExpectedSeparator, utf8, i, out error);
            }
        }
    }

    /// <summary>The most bytes <see cref="TryWriteSingles"/> needs for <paramref name="count"/> values.</summary>
    /// <param name="count">Number of values.</param>
    /// <returns>A buffer size that always suffices.</returns>
    public static int GetMaxByteCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Each value: its text, two quotes at most (QuotedLiteral), one comma; plus the brackets.
        return checked(2 + (count * (Utf8Number.MaxSingleLength + 3)));
    }

    /// <summary>Writes <paramref name="values"/> as a compact JSON array with shortest round-trip numbers.</summary>
    /// <param name="values">The values.</param>
    /// <param name="destination">Receives the UTF-8 text; <see cref="GetMaxByteCount"/> bytes always suffice.</param>
    /// <param name="bytesWritten">Bytes written; 0 when the method returns false.</param>
    /// <param name="nonFinite">How NaN and infinities are spelled.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite and <paramref name="nonFinite"/> is <see cref="NonFiniteNumberHandling.Throw"/>.</exception>
    public static bool TryWriteSingles(
        ReadOnlySpan<float> values, Span<byte> destination, out int bytesWritten,
        NonFiniteNumberHandling nonFinite = NonFiniteNumberHandling.Throw)
    {
        bytesWritten = 0;
        if (destination.IsEmpty)
        {
            return false;
        }

        destination[0] = (byte)'[';
        int o = 1;
        for (int k = 0; k < values.Length; k++)
        {
            if (k > 0)
            {
                if (o >= destination.Length)
                {
                    return false;
                }

                destination[o++] = (byte)',';
            }

            float v = values[k];
            int written;
            if (float.IsFinite(v))
            {
                if (!Utf8Number.TryFormatSingle(v, destination[o..], out written))
                {
                    return false;
                }
            }
            else if (!TryWriteNonFinite(v, k, nonFinite, destination[o..], out written))
            {
                return false;
            }

            o += written;
        }

        if (o >= destination.Length)
        {
            return false;
        }

        destination[o++] = (byte)']';
        bytesWritten = o;
        return true;
    }

    /// <summary>Writes <paramref name="values"/> as a compact JSON array to <paramref name="writer"/>.</summary>
    /// <param name="values">The values.</param>
    /// <param name="writer">Receives the UTF-8 text.</param>
    /// <param name="nonFinite">How NaN and infinities are spelled.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite and <paramref name="nonFinite"/> is <see cref="NonFiniteNumberHandling.Throw"/>.</exception>
    public static void WriteSingles(
        ReadOnlySpan<float> values, IBufferWriter<byte> writer, NonFiniteNumberHandling nonFinite = NonFiniteNumberHandling.Throw)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = writer.GetSpan(GetMaxByteCount(values.Length));
        if (!TryWriteSingles(values, buffer, out int written, nonFinite))
        {
            throw new InvalidOperationException("The buffer writer returned less space than requested.");
        }

        writer.Advance(written);
    }

    private static bool TryWriteNonFinite(float v, int index, NonFiniteNumberHandling nonFinite, Span<byte> destination, out int written)
    {
        ReadOnlySpan<byte> text = nonFinite switch
        {
            NonFiniteNumberHandling.Literal => float.IsNaN(v) ? "NaN"u8 : v > 0 ? "Infinity"u8 : "-Infinity"u8,
            NonFiniteNumberHandling.QuotedLiteral => float.IsNaN(v) ? "\"NaN\""u8 : v > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8,
            NonFiniteNumberHandling.Null => "null"u8,
            _ => throw new ArgumentException(
                $"values[{index}] is {v}, which standard JSON cannot represent; choose a {nameof(NonFiniteNumberHandling)}.",
                nameof(nonFinite)),
        };
        written = text.Length;
        return text.TryCopyTo(destination);
    }

    /// <summary>A number or special literal in double quotes, filling the quotes exactly.</summary>
    private static bool TryParseQuoted(ReadOnlySpan<byte> s, out float value, out int consumed)
    {
        value = 0;
        consumed = 0;
        if (s.Length < 3 || s[0] != (byte)'"')
        {
            return false;
        }

        ReadOnlySpan<byte> inner = s[1..];
        if (!Utf8Number.TryParseSingle(inner, out value, out int length)
            || (uint)length >= (uint)inner.Length || inner[length] != (byte)'"')
        {
            return false;
        }

        consumed = length + 2;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length)
        {
            byte b = s[i];
            if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t')
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static bool Fail(Utf8ParseErrorKind kind, ReadOnlySpan<byte> utf8, int offset, out Utf8ParseError error)
    {
        error = new Utf8ParseError(kind, offset, (uint)offset < (uint)utf8.Length ? utf8[offset] : -1);
        return false;
    }
}
