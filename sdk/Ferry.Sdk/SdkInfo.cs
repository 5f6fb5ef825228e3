using System.Reflection;

namespace Ferry.Sdk;

/// <summary>The SDK's version, which plugin manifests declare compatibility with.</summary>
public static class SdkInfo
{
    /// <summary>The version of this SDK assembly (semantic: a plugin built for another major version is refused).</summary>
    public static Version Version { get; } = typeof(SdkInfo).Assembly.GetName().Version ?? new Version(1, 0, 0, 0);

    /// <summary>The informational version string.</summary>
    public static string InformationalVersion { get; } =
        typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? Version.ToString();
}
