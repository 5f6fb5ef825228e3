using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// The resume token of a scan: the LastEvaluatedKey of the batch, serialized exactly in DynamoDB JSON (numbers keep
/// their text, binary keys their bytes in base64), or <see cref="End"/> once the segment is finished.
/// </summary>
internal static class ScanToken
{
    /// <summary>The token after the last page of a segment: resuming from it reads nothing.</summary>
    public const string End = "end";

    public static string Of(Dictionary<string, AttributeValue>? lastEvaluatedKey) =>
        lastEvaluatedKey is null || lastEvaluatedKey.Count == 0 ? End : DynamoJson.Write(lastEvaluatedKey);

    /// <summary>The ExclusiveStartKey for a token, <c>null</c> to start at the beginning; <see cref="IsEnd"/> tells a finished segment.</summary>
    public static Dictionary<string, AttributeValue>? Parse(string? token)
    {
        if (token is null || token == End)
        {
            return null;
        }

        try
        {
            return DynamoJson.ReadMap(token);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw new ConnectorConfigurationException($"'{token}' is not a DynamoDB resume token: {ex.Message}", ex);
        }
    }

    public static bool IsEnd(string? token) => token == End;
}
