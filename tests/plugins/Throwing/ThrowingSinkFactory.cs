using Ferry.Sdk.Connectors;

namespace Ferry.TestPlugins;

[SinkExport("throwing", Schemes = ["throwing"])]
public sealed class ThrowingSinkFactory : SinkFactory
{
    public ThrowingSinkFactory() => throw new InvalidOperationException("the throwing test plugin refuses to be constructed");

    public override SinkConnector Create(ConnectorContext context) => throw new InvalidOperationException("never constructed");
}
