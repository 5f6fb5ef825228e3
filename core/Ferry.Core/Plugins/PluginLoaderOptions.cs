using Ferry.Sdk;

namespace Ferry.Core.Plugins;

/// <summary>How <see cref="PluginLoader"/> checks and isolates plugins.</summary>
public sealed record PluginLoaderOptions
{
    /// <summary>The host's SDK version plugins are checked against. Default: <see cref="SdkInfo.Version"/>.</summary>
    public Version HostSdkVersion { get; init; } = SdkInfo.Version;

    /// <summary>
    /// Refuse to hand a plugin the host's own non-framework dependencies (default true): a plugin must ship every
    /// library it uses, so that it never runs against a version it was not built with.
    /// </summary>
    public bool StrictIsolation { get; init; } = true;
}
