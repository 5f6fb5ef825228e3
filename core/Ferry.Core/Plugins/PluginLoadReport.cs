namespace Ferry.Core.Plugins;

/// <summary>The outcome of loading plugins: the ones loaded and the ones refused with their reasons.</summary>
/// <param name="Loaded">Plugins loaded and registered, in discovery order.</param>
/// <param name="Refused">Plugin folders refused, in discovery order.</param>
public sealed record PluginLoadReport(IReadOnlyList<LoadedPlugin> Loaded, IReadOnlyList<PluginRefusal> Refused)
{
    /// <summary>A report of nothing.</summary>
    public static PluginLoadReport Empty { get; } = new([], []);

    /// <summary>The loaded plugin with the id, or <c>null</c>.</summary>
    public LoadedPlugin? Find(string id) => Loaded.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The refusal of the plugin with the id (or folder name), or <c>null</c>.</summary>
    public PluginRefusal? FindRefusal(string idOrFolderName) =>
        Refused.FirstOrDefault(r => string.Equals(r.DisplayName, idOrFolderName, StringComparison.OrdinalIgnoreCase));
}
