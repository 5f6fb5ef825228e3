using System.Buffers;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>
/// The <c>tagged-json</c> encoding of a metadata value (format.md, section 2.2): <see cref="MetadataJson"/> in its
/// <see cref="MetadataJsonDialect.Tagged"/> dialect, where every value keeps its kind (floats tagged <c>$f</c>,
/// decimals <c>$d</c>, timestamps <c>$t</c>, bytes <c>$b</c>). Here a malformed value is a <see cref="FrameFormatException"/>.
/// </summary>
internal static class TaggedJson
{
    /// <summary>Encodes the value as UTF-8 JSON into the buffer writer (a lone surrogate becomes U+FFFD: the sink refuses such strings first).</summary>
    public static void Write(MetadataValue value, IBufferWriter<byte> output) =>
        MetadataJson.Serialize(value, output, MetadataJsonDialect.Tagged);

    public static byte[] Encode(MetadataValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static MetadataValue Decode(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return MetadataJson.Deserialize(utf8Json, MetadataJsonDialect.Tagged);
        }
        catch (JsonException ex)
        {
            throw new FrameFormatException("A tagged-json metadata value is invalid: " + ex.Message, ex);
        }
    }
}
