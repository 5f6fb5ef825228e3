namespace Ferry.Plugins.Mapping.Internal;

/// <summary>Which part of a record a mapping field names.</summary>
internal enum FieldKind
{
    /// <summary>A metadata key.</summary>
    Metadata = 0,

    /// <summary>The record's id.</summary>
    Id,

    /// <summary>The record's text.</summary>
    Text,

    /// <summary>The record's title.</summary>
    Title,
}
