using Ferry.Sdk.Records;

namespace Ferry.Sdk.Schema;

/// <summary>A metadata field as a source declares or observes it.</summary>
/// <param name="Name">The field's key in <see cref="Record.Metadata"/>.</param>
/// <param name="Kind">The field's kind; <c>null</c> when values of several kinds occur (each value then keeps its own kind).</param>
public sealed record MetadataField(string Name, MetadataKind? Kind)
{
    /// <summary>Whether the field may be null or absent.</summary>
    public bool Nullable { get; init; } = true;

    /// <summary>For arrays: the kind of the items when they all share one; <c>null</c> otherwise.</summary>
    public MetadataKind? ItemKind { get; init; }
}
