namespace Ferry.Core.Plugins.Loading;

/// <summary>Carries the reasons a plugin is refused out of the loading steps; never leaves the loader.</summary>
internal sealed class PluginRefusedException : Exception
{
    public PluginRefusedException(IReadOnlyList<string> reasons)
        : base(string.Join("; ", reasons))
    {
        Reasons = reasons;
    }

    public PluginRefusedException(string reason)
        : this([reason])
    {
    }

    public IReadOnlyList<string> Reasons { get; }
}
