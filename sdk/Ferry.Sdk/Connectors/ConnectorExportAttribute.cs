namespace Ferry.Sdk.Connectors;

/// <summary>
/// The metadata of an exported factory. The host composes plugin assemblies with System.Composition
/// conventions: every public, non-abstract factory class carrying a subclass of this attribute is exported
/// with this metadata, so plugins need no composition library of their own.
/// </summary>
public abstract class ConnectorExportAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    protected ConnectorExportAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The connector's name, unique across plugins (e.g. <c>chroma</c>, <c>jsonl</c>).</summary>
    public string Name { get; }

    /// <summary>The URI schemes handled, lower case without <c>://</c> (e.g. <c>chroma</c>, <c>postgres</c>).</summary>
    public string[] Schemes { get; set; } = [];

    /// <summary>The file or folder name endings handled, with the dot (e.g. <c>.jsonl</c>, <c>.frame</c>); compression suffixes are stripped first.</summary>
    public string[] Extensions { get; set; } = [];

    /// <summary>A one-line description for <c>ferry plugins list</c>.</summary>
    public string? Description { get; set; }
}
