using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;

namespace Ferry.TestPlugins;

[TransformerExport("module-init")]
public sealed class ModuleInitTransformerFactory : TransformerFactory
{
    public override Transformer Create(ConnectorContext context) => throw new InvalidOperationException("never constructed");
}

internal static class FailingModuleInitializer
{
#pragma warning disable CA2255 // A module initializer is exactly what this test asset is about.
    [ModuleInitializer]
    internal static void Initialize() => throw new InvalidOperationException("the module-init test plugin fails while its assembly initializes");
#pragma warning restore CA2255
}
