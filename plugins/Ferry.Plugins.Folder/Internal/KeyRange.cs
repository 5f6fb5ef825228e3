using System.Text.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// A partition of the folder: the items whose keys lie in [<see cref="From"/>, <see cref="To"/>) in ordinal order
/// (<c>null</c> bounds are open). Written into the partition descriptor as JSON <c>{"from":…,"to":…}</c>; keys, not
/// positions, so a resumed run over a tree that changed meanwhile still reads each remaining file once.
/// </summary>
internal readonly record struct KeyRange(string? From, string? To)
{
    /// <summary>The prefix of resume tokens: the token is <c>after:</c> followed by the key of the last item read.</summary>
    public const string TokenPrefix = "after:";

    public static KeyRange Of(SourcePartition partition)
    {
        if (partition.Descriptor is null)
        {
            return new KeyRange(null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(partition.Descriptor);
            var root = document.RootElement;
            return new KeyRange(Bound(root, "from"), Bound(root, "to"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ConnectorConfigurationException($"Partition '{partition.Id}' has descriptor '{partition.Descriptor}', which is not a folder key range {{\"from\":…,\"to\":…}}.", e);
        }
    }

    public string ToDescriptor() => JsonSerializer.Serialize(new Dictionary<string, string?> { ["from"] = From, ["to"] = To });

    public static string Token(string key) => TokenPrefix + key;

    public static string ParseToken(string token) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            ? token[TokenPrefix.Length..]
            : throw new ConnectorConfigurationException($"Resume token '{token}' is not a folder source token (after:<path>).");

    private static string? Bound(JsonElement root, string name)
    {
        var value = root.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }
}
