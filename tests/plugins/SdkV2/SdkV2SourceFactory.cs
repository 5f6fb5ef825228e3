using Ferry.Sdk.Connectors;

namespace Ferry.TestPlugins;

[SourceExport("sdk-v2", Schemes = ["sdkv2"])]
public sealed class SdkV2SourceFactory : SourceFactory
{
    public override object Create(string location) => location;
}
