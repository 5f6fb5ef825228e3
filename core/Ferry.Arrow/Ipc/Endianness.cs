namespace Ferry.Arrow.Ipc;

/// <summary>Arrays view IPC buffers in place, which is only right on a little-endian host.</summary>
internal static class Endianness
{
    public static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Ferry.Arrow reads and writes Arrow data in place and needs a little-endian processor.");
        }
    }
}
