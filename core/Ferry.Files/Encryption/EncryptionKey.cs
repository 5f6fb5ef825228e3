using System.Security.Cryptography;
using System.Text;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Encryption;

/// <summary>
/// A 256-bit AES key with a label (the key id written in each file's header, so that a reader can say which key a
/// file needs). Keys come from an environment variable or a key file, never from a command line or a URI: both end
/// up in shell history and process listings.
/// </summary>
public sealed class EncryptionKey
{
    /// <summary>The key length in bytes.</summary>
    public const int Length = 32;

    /// <summary>The environment variable read when no other source is named.</summary>
    public const string DefaultEnvironmentVariable = "FERRY_ENCRYPTION_KEY";

    /// <summary>The longest key id the header can hold, in UTF-8 bytes.</summary>
    public const int MaxKeyIdBytes = 255;

    private readonly byte[] _key;

    private EncryptionKey(byte[] key, string keyId)
    {
        _key = key;
        KeyId = keyId;
    }

    /// <summary>The label written into the header of files encrypted with this key.</summary>
    public string KeyId { get; }

    /// <summary>The raw key bytes.</summary>
    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Creates a key from 32 raw bytes.</summary>
    public static EncryptionKey FromBytes(ReadOnlySpan<byte> key, string keyId)
    {
        if (key.Length != Length)
        {
            throw new ConnectorConfigurationException($"An encryption key must be {Length} bytes, got {key.Length}.");
        }

        return new EncryptionKey(key.ToArray(), CheckKeyId(keyId));
    }

    /// <summary>Creates a key from text: 64 hexadecimal digits or the base64 of 32 bytes (surrounding whitespace ignored).</summary>
    /// <param name="text">The key text.</param>
    /// <param name="keyId">The label.</param>
    /// <param name="origin">Where the text came from, for messages (never the text itself).</param>
    public static EncryptionKey Parse(string text, string keyId, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        byte[]? bytes = null;
        if (trimmed.Length == 2 * Length && IsHex(trimmed))
        {
            bytes = Convert.FromHexString(trimmed);
        }
        else
        {
            var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(trimmed, buffer, out var written) && written == Length)
            {
                bytes = buffer[..written];
            }
        }

        return bytes is null
            ? throw new ConnectorConfigurationException($"The encryption key from {origin} is not 64 hexadecimal digits or the base64 of {Length} bytes.")
            : new EncryptionKey(bytes, CheckKeyId(keyId));
    }

    /// <summary>Reads the key from an environment variable (hex or base64).</summary>
    /// <param name="variable">The variable's name.</param>
    /// <param name="getEnvironmentVariable">Reads a variable (the connector context's secret reader).</param>
    /// <param name="keyId">The label; defaults to <c>env:NAME</c>.</param>
    public static EncryptionKey FromEnvironment(string variable, Func<string, string?> getEnvironmentVariable, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var text = getEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConnectorConfigurationException(
                $"Encryption needs a key, but the environment variable {variable} is not set. Set it to 64 hex digits or the base64 of {Length} bytes, or use the key_file option.");
        }

        return Parse(text, keyId ?? "env:" + variable, "environment variable " + variable);
    }

    /// <summary>Reads the key from a file: 32 raw bytes, or hex/base64 text.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="keyId">The label; defaults to <c>file:NAME</c> (the file name without folders).</param>
    public static EncryptionKey FromFile(string path, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorConfigurationException($"Cannot read the key file {path}: {ex.Message}", ex);
        }

        var id = keyId ?? "file:" + Path.GetFileName(path);
        try
        {
            return content.Length == Length
                ? new EncryptionKey(content, CheckKeyId(id))
                : Parse(Encoding.UTF8.GetString(content), id, "key file " + path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>A new random key (for key generation and tests).</summary>
    public static EncryptionKey CreateRandom(string keyId) => new(RandomNumberGenerator.GetBytes(Length), CheckKeyId(keyId));

    /// <summary>The key as base64, to store it in a secret manager or key file.</summary>
    public string ToBase64() => Convert.ToBase64String(_key);

    /// <summary>The key check value of the header: proves a reader has the right key before any chunk is decrypted.</summary>
    internal void ComputeKeyCheck(ReadOnlySpan<byte> noncePrefix, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[EncryptionHeader.KeyCheckLabel.Length + noncePrefix.Length];
        EncryptionHeader.KeyCheckLabel.CopyTo(input);
        noncePrefix.CopyTo(input[EncryptionHeader.KeyCheckLabel.Length..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, mac);
        mac[..destination.Length].CopyTo(destination);
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string CheckKeyId(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Encoding.UTF8.GetByteCount(keyId) > MaxKeyIdBytes
            ? throw new ConnectorConfigurationException($"A key id may have at most {MaxKeyIdBytes} UTF-8 bytes.")
            : keyId;
    }
}
