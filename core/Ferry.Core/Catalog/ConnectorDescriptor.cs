namespace Ferry.Core.Catalog;

/// <summary>One factory in the catalogue, with the metadata it was exported with and where it came from.</summary>
/// <param name="Kind">Source, sink or transformer.</param>
/// <param name="Name">The unique connector name.</param>
/// <param name="Schemes">URI schemes handled (lower case).</param>
/// <param name="Extensions">File endings handled (lower case, with the dot).</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Origin">The plugin id, or <c>builtin</c>.</param>
/// <param name="Factory">The factory instance (a SourceFactory, SinkFactory or TransformerFactory).</param>
public sealed record ConnectorDescriptor(
    ConnectorKind Kind,
    string Name,
    IReadOnlyList<string> Schemes,
    IReadOnlyList<string> Extensions,
    string? Description,
    string Origin,
    object Factory);
