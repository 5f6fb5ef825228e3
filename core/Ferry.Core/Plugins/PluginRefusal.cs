namespace Ferry.Core.Plugins;

/// <summary>A plugin folder that was not loaded, and why.</summary>
/// <param name="Folder">The plugin's folder (full path).</param>
/// <param name="PluginId">The id from its manifest, when the manifest could be read that far.</param>
/// <param name="Reasons">Every reason, each a full sentence fragment naming the file, type or field at fault.</param>
public sealed record PluginRefusal(string Folder, string? PluginId, IReadOnlyList<string> Reasons)
{
    /// <summary>The id, or the folder name when the manifest gave none.</summary>
    public string DisplayName => PluginId ?? Path.GetFileName(Folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    /// <summary>One line for logs and warnings: which plugin, where, and why.</summary>
    public string Message => $"plugin '{DisplayName}' ({Folder}) refused: {string.Join("; ", Reasons)}";

    /// <inheritdoc />
    public override string ToString() => Message;
}
