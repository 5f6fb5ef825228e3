using System.Runtime.InteropServices;
using System.Text;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.TestPlugins;

[SourceExport("native", Schemes = ["native"])]
public sealed unsafe partial class NativeSourceFactory : SourceFactory
{
    public override SourceConnector Create(ConnectorContext context) => new ProbeSource(() =>
    {
        var bytes = Encoding.ASCII.GetBytes("hello");
        fixed (byte* pointer = bytes)
        {
            return new Dictionary<string, MetadataValue> { ["crc32"] = (long)Crc32(0, pointer, bytes.Length) };
        }
    });

    [LibraryImport("ferrytestnative", EntryPoint = "CompressionNative_Crc32")]
    private static partial uint Crc32(uint crc, byte* buffer, int length);
}
