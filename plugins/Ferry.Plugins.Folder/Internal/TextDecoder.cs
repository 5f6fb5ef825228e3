using System.Text;
using System.Text.Unicode;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// Decides whether bytes are text and decodes them: a byte-order mark selects UTF-8, UTF-16 or UTF-32 (LE/BE) and the
/// rest must decode strictly in that encoding; without a mark the bytes must be valid UTF-8 (ASCII included) and free
/// of NUL characters. Anything else is not text (the file becomes a reference record): no guessing of legacy code pages,
/// because a wrong guess would silently corrupt the text.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16LeStrict = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16BeStrict = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf32LeStrict = new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
    private static readonly Encoding Utf32BeStrict = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);

    /// <summary>Decodes the bytes when they are text; returns false otherwise.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="text">The decoded text without the byte-order mark.</param>
    /// <param name="encoding">The encoding's name: utf-8, utf-8-bom, utf-16le, utf-16be, utf-32le or utf-32be.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string encoding)
    {
        // UTF-32 LE's mark starts with UTF-16 LE's, so it is tested first.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return Decode(bytes[4..], Utf32LeStrict, "utf-32le", out text, out encoding);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return Decode(bytes[4..], Utf32BeStrict, "utf-32be", out text, out encoding);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Decode(bytes[3..], Utf8Strict, "utf-8-bom", out text, out encoding);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Decode(bytes[2..], Utf16LeStrict, "utf-16le", out text, out encoding);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Decode(bytes[2..], Utf16BeStrict, "utf-16be", out text, out encoding);
        }

        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            text = string.Empty;
            encoding = string.Empty;
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        encoding = "utf-8";
        return true;
    }

    private static bool Decode(ReadOnlySpan<byte> bytes, Encoding strict, string name, out string text, out string encoding)
    {
        try
        {
            text = strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            encoding = string.Empty;
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            text = string.Empty;
            encoding = string.Empty;
            return false;
        }

        encoding = name;
        return true;
    }
}
