using Ferry.Sdk.Records;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>One value transform of a mapping (trim, lowercase, split, parse_number, …). Pure and culture-invariant.</summary>
internal abstract class ValueOperation
{
    /// <summary>The operation's name in the spec.</summary>
    public abstract string Name { get; }

    /// <summary>Whether a string input always gives a string, so the operation may apply to id, text and title.</summary>
    public abstract bool KeepsStrings { get; }

    /// <summary>Transforms a present, non-null value; throws <see cref="MappingValueException"/> for a value it cannot handle.</summary>
    public abstract MetadataValue Apply(MetadataValue value);

    /// <summary>The kind of the result for an input of the given kind (<c>null</c>: unknown or several), for the target schema.</summary>
    public abstract MetadataKind? ResultKind(MetadataKind? input);

    protected MappingValueException Unsupported(MetadataValue value, string expected) =>
        new($"{Name} needs {expected}, got {Describe(value)}");

    /// <summary>A value for messages: its kind and, for short scalars, the value.</summary>
    public static string Describe(MetadataValue value)
    {
        var text = value.ToString();
        return value.Kind is MetadataKind.Array or MetadataKind.Object or MetadataKind.Bytes || text.Length > 60
            ? $"a value of kind {value.Kind}"
            : $"{value.Kind} {text}";
    }
}
