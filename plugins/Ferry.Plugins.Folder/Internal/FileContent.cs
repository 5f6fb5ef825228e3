using System.Buffers;
using System.Security.Cryptography;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// What reading a file found: its SHA-256, and its text when it is text (decoded, within the size limit, not a
/// binary type). Files that are not read for text are hashed in a stream with a pooled buffer, never loaded whole.
/// </summary>
internal sealed class FileContent
{
    private const int StreamBuffer = 128 * 1024;

    private FileContent(long size, string sha256, FileType? type, string? text, string? encoding, string? referenceReason)
    {
        Size = size;
        Sha256 = sha256;
        Type = type;
        Text = text;
        Encoding = encoding;
        ReferenceReason = referenceReason;
    }

    public long Size { get; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The known type, or <c>null</c> for an unknown extension (sniffed).</summary>
    public FileType? Type { get; }

    /// <summary>The decoded text (raw: before HTML extraction), or <c>null</c> for a reference.</summary>
    public string? Text { get; }

    public string? Encoding { get; }

    /// <summary>Why there is no text, see <see cref="ReferenceReasons"/>; <c>null</c> when there is.</summary>
    public string? ReferenceReason { get; }

    public bool IsText => Text is not null;

    public static async ValueTask<FileContent> ReadAsync(FolderItem item, long maxTextBytes, CancellationToken cancellationToken)
    {
        var extension = ExtensionOf(item.Name);
        var type = MimeTypes.Lookup(item.Name, extension);
        var stream = new FileStream(item.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var size = stream.Length;
            if (type?.Kind == ContentKind.Binary || size > maxTextBytes)
            {
                var hash = await HashAsync(stream, cancellationToken).ConfigureAwait(false);
                return new FileContent(size, hash, type, null, null, type?.Kind == ContentKind.Binary ? ReferenceReasons.Binary : ReferenceReasons.TooLarge);
            }

            var bytes = new byte[size];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (TextDecoder.TryDecode(bytes, out var text, out var encoding))
            {
                return new FileContent(size, sha, type, text, encoding, null);
            }

            return new FileContent(size, sha, type, null, null, type is null ? ReferenceReasons.Binary : ReferenceReasons.InvalidEncoding);
        }
    }

    /// <summary>The lower-case extension without the dot ("" when there is none; ".bashrc" has none).</summary>
    public static string ExtensionOf(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot <= 0 || dot == fileName.Length - 1 ? string.Empty : fileName[(dot + 1)..].ToLowerInvariant();
    }

    private static async ValueTask<string> HashAsync(FileStream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBuffer);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, StreamBuffer), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
