namespace Ferry.Text.Json;

/// <summary>Why UTF-8 text could not be parsed.</summary>
public enum Utf8ParseErrorKind
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The input ended before the value was complete.</summary>
    UnexpectedEnd,

    /// <summary>The first non-whitespace byte is not <c>[</c>.</summary>
    ExpectedArrayStart,

    /// <summary>A number (or a special literal such as <c>NaN</c>) was expected.</summary>
    ExpectedNumber,

    /// <summary>A <c>null</c> where a number was expected (JavaScript's <c>JSON.stringify</c> writes NaN and infinities so).</summary>
    NullValue,

    /// <summary>After a value, <c>,</c> or <c>]</c> was expected.</summary>
    ExpectedSeparator,

    /// <summary>The array has more values than the destination can hold.</summary>
    DestinationTooSmall,
}
