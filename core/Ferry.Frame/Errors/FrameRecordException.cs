namespace Ferry.Frame;

/// <summary>A record cannot be stored as it is (vector of the wrong dimension, invalid UTF-16 string, …). The message names the record and field.</summary>
public sealed class FrameRecordException : FrameException
{
    /// <summary>Creates the exception.</summary>
    public FrameRecordException(string recordId, string field, string reason)
        : base($"record '{recordId}', field '{field}': {reason}")
    {
        RecordId = recordId;
        Field = field;
        Reason = reason;
    }

    /// <summary>The record's id.</summary>
    public string RecordId { get; }

    /// <summary>The field at fault.</summary>
    public string Field { get; }

    /// <summary>Why the record was refused.</summary>
    public string Reason { get; }
}
