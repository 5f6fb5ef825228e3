namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>A line is not a record: thrown inside the parser, turned into a RecordFailure naming the line.</summary>
internal sealed class JsonlFormatException : Exception
{
    public JsonlFormatException(string message, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    public string? Field { get; }
}
