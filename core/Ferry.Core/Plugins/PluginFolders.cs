namespace Ferry.Core.Plugins;

/// <summary>
/// Where the host looks for plugins, in this order (the first plugin with an id wins):
/// <list type="number">
/// <item><c>&lt;host folder&gt;/plugins</c> — plugins shipped with ferry;</item>
/// <item>the build's plugin folder, when the host runs from its build output (the runtime configuration
/// property <see cref="BuildFolderProperty"/>, set by host/Ferry.Host.csproj to <c>$(ArtifactsPath)/plugins</c>
/// for builds, not for publish);</item>
/// <item>the user's plugin folder: <c>$FERRY_PLUGINS_DIR</c>, or <c>~/.ferry/plugins</c>;</item>
/// <item>folders given with <c>--plugins</c>.</item>
/// </list>
/// </summary>
public static class PluginFolders
{
    /// <summary>The environment variable that overrides the user's plugin folder.</summary>
    public const string UserFolderVariable = "FERRY_PLUGINS_DIR";

    /// <summary>The runtime configuration property (runtimeconfig.json) naming the build's plugin folder.</summary>
    public const string BuildFolderProperty = "Ferry.BuildPluginsDirectory";

    /// <summary>The plugin folder beside the host's assemblies.</summary>
    public static string HostFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The build's plugin folder when the host runs from its build output, otherwise <c>null</c>.</summary>
    public static string? BuildFolder => AppContext.GetData(BuildFolderProperty) is string path && path.Length > 0 ? Path.GetFullPath(path) : null;

    /// <summary>The user's plugin folder (<c>$FERRY_PLUGINS_DIR</c> or <c>~/.ferry/plugins</c>).</summary>
    public static string UserFolder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(UserFolderVariable);
            return !string.IsNullOrWhiteSpace(configured)
                ? Path.GetFullPath(configured)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ferry", "plugins");
        }
    }

    /// <summary>The default folders followed by the extra ones, in search order.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string>? extraFolders = null)
    {
        var folders = new List<string> { HostFolder };
        if (BuildFolder is { } build)
        {
            folders.Add(build);
        }

        folders.Add(UserFolder);
        if (extraFolders is not null)
        {
            folders.AddRange(extraFolders.Select(Path.GetFullPath));
        }

        return folders;
    }
}
