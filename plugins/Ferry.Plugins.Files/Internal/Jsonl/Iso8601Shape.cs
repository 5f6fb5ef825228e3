using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// The old name of <see cref="MetadataText.LooksLikeTimestamp"/>: the ISO-8601 shape that <c>timestamps=auto</c> takes
/// for a timestamp, and that the writer tags as <c>{"$string": …}</c>. Only the JSON Lines reader and writer call it,
/// while other work on them is in flight; switch them to <see cref="MetadataText.LooksLikeTimestamp"/> and delete this file.
/// </summary>
internal static class Iso8601Shape
{
    /// <inheritdoc cref="MetadataText.LooksLikeTimestamp"/>
    public static bool Matches(ReadOnlySpan<char> text) => MetadataText.LooksLikeTimestamp(text);
}
