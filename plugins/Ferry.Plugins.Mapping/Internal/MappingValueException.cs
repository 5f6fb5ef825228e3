namespace Ferry.Plugins.Mapping.Internal;

/// <summary>A value an operation cannot handle (e.g. parse_number on 'abc'): the record fails, the run goes on per error mode.</summary>
internal sealed class MappingValueException : Exception
{
    public MappingValueException(string message)
        : base(message)
    {
    }

    public MappingValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MappingValueException()
    {
    }
}
