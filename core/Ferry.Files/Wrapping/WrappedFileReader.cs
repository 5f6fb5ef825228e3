using Ferry.Files.Compression;
using Ferry.Files.Encryption;
using Ferry.Files.Streams;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Wrapping;

/// <summary>
/// Opens a file through its wrappers for reading: decryption, then decompression, each taken from the settings, the
/// name (<c>.enc</c>, <c>.gz</c>, <c>.br</c>) or the magic bytes (<c>FERRYENC</c>, gzip's 1F 8B; Brotli has none).
/// The returned stream yields the format's bytes and reports damage as <see cref="FileIntegrityException"/>.
/// </summary>
public static class WrappedFileReader
{
    private const int FileBufferSize = 64 * 1024;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="settings">What is known about its wrappers.</param>
    /// <param name="maxBytes">Read only this many bytes of the file (to recover the flushed part of an unfinished file); <c>null</c> for all.</param>
    /// <param name="rawWrapper">Wraps the file's raw byte stream before any layer reads it (e.g. a <see cref="Streams.HashingReadStream"/>); applied to the first opening only.</param>
    public static Stream Open(string path, ReadSettings settings, long? maxBytes = null, Func<Stream, Stream>? rawWrapper = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        var name = WrappedName.Parse(path);
        var encrypted = settings.Encrypted ?? (name.Encrypted ? true : null);
        var compression = settings.Compression ?? (name.Compression != CompressionKind.None ? name.Compression : null);
        EncryptionKey? key = null;
        var display = System.IO.Path.GetFileName(path);
        return OpenLayers();

        Stream OpenLayers()
        {
            Stream stream = OpenFile(path, maxBytes);
            if (rawWrapper is not null)
            {
                stream = rawWrapper(stream);
            }

            try
            {
                var isEncrypted = encrypted;
                if (isEncrypted is null)
                {
                    var peek = new PeekStream(stream, EncryptionHeader.Magic.Length);
                    stream = peek;
                    isEncrypted = peek.Head.SequenceEqual(EncryptionHeader.Magic);
                }

                if (isEncrypted == true)
                {
                    key ??= settings.Key?.Invoke()
                        ?? throw new ConnectorConfigurationException($"{display} is encrypted; give the key with the key_env or key_file option (the default is the environment variable {EncryptionKey.DefaultEnvironmentVariable}).");
                    stream = new DecryptingStream(stream, key, display, settings.Strict);
                }

                var kind = compression;
                if (kind is null)
                {
                    var peek = new PeekStream(stream, 2);
                    stream = peek;
                    kind = peek.Head.Length == 2 && peek.Head[0] == 0x1F && peek.Head[1] == 0x8B ? CompressionKind.Gzip : CompressionKind.None;
                }

                return kind switch
                {
                    CompressionKind.Gzip => new GzipReadStream(stream, display, settings.Strict, settings.Strict ? ReopenBelowCompression : null),
                    CompressionKind.Brotli => new BrotliReadStream(stream, display, settings.Strict),
                    _ => stream,
                };
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        Stream ReopenBelowCompression()
        {
            Stream stream = OpenFile(path, maxBytes);
            return encrypted == true || key is not null ? new DecryptingStream(stream, key!, display, strict: true) : stream;
        }
    }

    private static Stream OpenFile(string path, long? maxBytes)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException ex)
        {
            throw new ConnectorConfigurationException($"File {path} does not exist.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ConnectorConfigurationException($"File {path} does not exist (no such folder).", ex);
        }

        return maxBytes is { } limit ? new LimitedReadStream(file, limit) : file;
    }
}
