using Ferry.Sdk.Connectors;
using YamlDotNet.Serialization;

namespace Ferry.TestPlugins;

[SourceExport("leaky", Schemes = ["leaky"])]
public sealed class LeakySourceFactory : SourceFactory
{
    private readonly ISerializer _serializer = new SerializerBuilder().Build();

    public override SourceConnector Create(ConnectorContext context) => throw new InvalidOperationException(_serializer.Serialize(context.Location));
}
