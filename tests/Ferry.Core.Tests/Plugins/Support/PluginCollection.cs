using Xunit;

namespace Ferry.Core.Tests.Plugins.Support;

/// <summary>Plugin tests share one build of the test plugins and run one after another (they measure unloading).</summary>
[CollectionDefinition(Name)]
public sealed class PluginCollection : ICollectionFixture<TestPlugins>
{
    public const string Name = "plugins";
}
