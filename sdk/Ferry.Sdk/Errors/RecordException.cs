namespace Ferry.Sdk.Errors;

/// <summary>
/// One record that cannot be read, converted or written. The host sends it to the dead-letter file and,
/// depending on the error mode, carries on with the others or stops. The message names the record,
/// field and line where known.
/// </summary>
public class RecordException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public RecordException(string message, string? recordId = null, string? field = null, long? line = null, Exception? innerException = null)
        : base(Describe(message, recordId, field, line), innerException)
    {
        RecordId = recordId;
        Field = field;
        Line = line;
        Reason = message;
    }

    /// <summary>The id of the record, when known.</summary>
    public string? RecordId { get; }

    /// <summary>The field at fault, when known.</summary>
    public string? Field { get; }

    /// <summary>The 1-based line (or row) number in the input, when the input has lines.</summary>
    public long? Line { get; }

    /// <summary>The reason without the location prefix.</summary>
    public string Reason { get; }

    private static string Describe(string message, string? recordId, string? field, long? line)
    {
        var where = new List<string>(3);
        if (line is not null)
        {
            where.Add($"line {line}");
        }

        if (recordId is not null)
        {
            where.Add($"record '{recordId}'");
        }

        if (field is not null)
        {
            where.Add($"field '{field}'");
        }

        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
