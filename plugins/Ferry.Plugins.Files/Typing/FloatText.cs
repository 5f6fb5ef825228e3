using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Typing;

/// <summary>
/// The old name of the text forms that now live in <see cref="MetadataText"/> (Ferry.Sdk). Only the JSON Lines reader
/// and writer still call these, while other work on them is in flight; switch them to <see cref="MetadataText"/> and
/// delete this file.
/// </summary>
internal static class FloatText
{
    /// <inheritdoc cref="MetadataText.FormatFloatBits"/>
    public static string Bits(double value) => MetadataText.FormatFloatBits(value);

    /// <inheritdoc cref="MetadataText.TryParseFloatBits"/>
    public static bool TryParseBits(ReadOnlySpan<char> text, out double value) => MetadataText.TryParseFloatBits(text, out value);

    /// <inheritdoc cref="MetadataText.FormatDecimal"/>
    public static string FormatDecimal(decimal value) => MetadataText.FormatDecimal(value);

    /// <inheritdoc cref="MetadataText.TryParseDecimal"/>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) => MetadataText.TryParseDecimal(text, out value);
}
