using Ferry.Files.Encryption;

namespace Ferry.Files.Tests.Support;

/// <summary>Fixed test keys, handed to connectors through their secret reader (never through options).</summary>
public static class TestKeys
{
    public const string Variable = "FERRY_TEST_KEY";

    public static readonly string HexA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public static readonly string Base64B = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    public static EncryptionKey KeyA => EncryptionKey.Parse(HexA, "test-a", "test");

    public static EncryptionKey KeyB => EncryptionKey.Parse(Base64B, "test-b", "test");

    /// <summary>A secret reader that knows only <see cref="Variable"/>.</summary>
    public static Func<string, string?> Secrets(string keyText) => name => name == Variable ? keyText : null;
}
