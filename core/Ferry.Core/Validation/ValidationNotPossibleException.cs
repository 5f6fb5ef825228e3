namespace Ferry.Core.Validation;

/// <summary>The requested validation cannot be done with these connectors (e.g. search agreement where a side cannot search).</summary>
public sealed class ValidationNotPossibleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ValidationNotPossibleException(string message)
        : base(message)
    {
    }
}
