using System.Text.Json;

namespace Ferry.Core.Plugins.Manifest;

/// <summary>One source, sink or transformer a manifest says its plugin provides.</summary>
/// <param name="Name">The connector's unique name.</param>
/// <param name="Schemes">URI schemes, lower case.</param>
/// <param name="Extensions">File endings, lower case with the dot; <c>/</c> for a plain folder.</param>
/// <param name="Description">One line for listings, when given.</param>
/// <param name="Options">The JSON Schema of the connector's options, when given.</param>
public sealed record ManifestConnector(
    string Name,
    IReadOnlyList<string> Schemes,
    IReadOnlyList<string> Extensions,
    string? Description,
    JsonElement? Options);
