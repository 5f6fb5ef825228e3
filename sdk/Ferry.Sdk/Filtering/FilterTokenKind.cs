namespace Ferry.Sdk.Filtering;

/// <summary>The lexical classes of the filter language.</summary>
internal enum FilterTokenKind
{
    End,
    Identifier,
    QuotedIdentifier,
    String,
    Integer,
    Float,
    HexBytes,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Dot,
    Colon,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
