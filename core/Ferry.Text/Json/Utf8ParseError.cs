namespace Ferry.Text.Json;

/// <summary>Where and why parsing stopped, with a message that names the byte offset.</summary>
/// <param name="Kind">What was wrong.</param>
/// <param name="Offset">Offset of the offending byte from the start of the parsed span (its length at the end of input).</param>
/// <param name="Found">The offending byte, or -1 at the end of the input.</param>
/// <param name="Capacity">For <see cref="Utf8ParseErrorKind.DestinationTooSmall"/>, the destination's length.</param>
public readonly record struct Utf8ParseError(Utf8ParseErrorKind Kind, int Offset, int Found = -1, int Capacity = 0)
{
    /// <summary>A sentence for people: what was expected, what was found, at which byte.</summary>
    public string Message => Kind switch
    {
        Utf8ParseErrorKind.None => "No error.",
        Utf8ParseErrorKind.UnexpectedEnd => $"Unexpected end of input at byte {Offset} inside a JSON number array.",
        Utf8ParseErrorKind.ExpectedArrayStart => $"Expected '[' at byte {Offset} but found {Describe(Found)}.",
        Utf8ParseErrorKind.ExpectedNumber => $"Expected a number at byte {Offset} but found {Describe(Found)}.",
        Utf8ParseErrorKind.NullValue =>
            $"Expected a number at byte {Offset} but found null (JavaScript writes NaN and Infinity as null; the value is lost).",
        Utf8ParseErrorKind.ExpectedSeparator => $"Expected ',' or ']' at byte {Offset} but found {Describe(Found)}.",
        Utf8ParseErrorKind.DestinationTooSmall => $"The array has more than {Capacity} values (value at byte {Offset} does not fit).",
        _ => $"Parse error {Kind} at byte {Offset}.",
    };

    private static string Describe(int found) => found switch
    {
        < 0 => "the end of the input",
        >= 0x20 and < 0x7F => $"'{(char)found}'",
        _ => $"byte 0x{found:X2}",
    };
}
