namespace Ferry.Arrow;

/// <summary>
/// The input is valid Arrow but uses something this library does not implement, such as a union or
/// view type, or compressed buffers. The message names the type and the field.
/// </summary>
public class ArrowNotSupportedException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public ArrowNotSupportedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ArrowNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ArrowNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an unsupported type of a field.</summary>
    /// <param name="typeName">The Arrow type name (e.g. <c>Union</c>).</param>
    /// <param name="fieldPath">The field, as a dotted path from the top-level column.</param>
    public ArrowNotSupportedException(string typeName, string? fieldPath)
        : base(fieldPath is null
            ? $"Arrow type '{typeName}' is not supported by Ferry.Arrow."
            : $"Arrow type '{typeName}' of field '{fieldPath}' is not supported by Ferry.Arrow.")
    {
        TypeName = typeName;
        FieldName = fieldPath;
    }

    /// <summary>The unsupported type, when the error is about a type.</summary>
    public string? TypeName { get; }

    /// <summary>The field path, when the error is about a field.</summary>
    public string? FieldName { get; }
}
