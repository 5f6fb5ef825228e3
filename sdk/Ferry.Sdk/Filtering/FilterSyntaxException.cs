namespace Ferry.Sdk.Filtering;

/// <summary>
/// Thrown by <see cref="FilterParser"/> when filter text is not valid. The message names the 0-based
/// character <see cref="Position"/> and what was expected and found there, e.g.
/// <c>Syntax error at position 14: expected a value after '=' but found end of input</c>.
/// </summary>
public sealed class FilterSyntaxException : FormatException
{
    /// <summary>Creates the exception with a generic message at position 0.</summary>
    public FilterSyntaxException()
        : this("Syntax error at position 0.", 0)
    {
    }

    /// <summary>Creates the exception with the given message at position 0.</summary>
    public FilterSyntaxException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with the given message and inner exception at position 0.</summary>
    public FilterSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the given message and position.</summary>
    /// <param name="message">The complete message (it should name the position).</param>
    /// <param name="position">The 0-based character offset of the error in the filter text.</param>
    public FilterSyntaxException(string message, int position)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Position = position;
    }

    /// <summary>The 0-based character offset in the filter text where the error was found (the text's length for an unexpected end of input).</summary>
    public int Position { get; }

    /// <summary>Creates the exception with the standard message form <c>Syntax error at position N: detail</c>.</summary>
    internal static FilterSyntaxException At(int position, string detail) =>
        new($"Syntax error at position {position}: {detail}", position);
}
