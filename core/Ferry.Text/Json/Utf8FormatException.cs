namespace Ferry.Text.Json;

/// <summary>Malformed UTF-8 input; <see cref="Offset"/> says where.</summary>
public sealed class Utf8FormatException : FormatException
{
    /// <summary>Creates the exception for a parse error.</summary>
    /// <param name="error">Where and why parsing stopped.</param>
    public Utf8FormatException(Utf8ParseError error)
        : base(error.Message)
    {
        Kind = error.Kind;
        Offset = error.Offset;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public Utf8FormatException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public Utf8FormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public Utf8FormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What was wrong.</summary>
    public Utf8ParseErrorKind Kind { get; }

    /// <summary>Byte offset of the problem from the start of the parsed span.</summary>
    public int Offset { get; }
}
