using System.Runtime.Loader;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Newtonsoft.Json;

namespace Ferry.TestPlugins;

/// <summary>Reports, from inside the plugin, the Newtonsoft.Json it runs with.</summary>
[SourceExport("json-old", Schemes = ["jsonold"], Extensions = [".jsonold"])]
public sealed class JsonOldSourceFactory : SourceFactory
{
    public override SourceConnector Create(ConnectorContext context) => new ProbeSource(() =>
    {
        var library = typeof(JsonConvert).Assembly;
        return new Dictionary<string, MetadataValue>
        {
            ["library.version"] = library.GetName().Version!.ToString(),
            ["library.context"] = AssemblyLoadContext.GetLoadContext(library)?.Name,
            ["library.path"] = library.Location,
            ["plugin.context"] = AssemblyLoadContext.GetLoadContext(typeof(JsonOldSourceFactory).Assembly)?.Name,
            ["sdk.context"] = AssemblyLoadContext.GetLoadContext(typeof(SourceFactory).Assembly)?.Name,
            ["serialized"] = JsonConvert.SerializeObject(new Dictionary<string, int> { ["answer"] = 42 }),
        };
    });
}
