namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>RFC 6901 JSON pointers naming a value inside an item (<c>/tags</c>, <c>/info/sizes/0</c>).</summary>
internal static class JsonPointer
{
    public static string Root(string attribute) => "/" + Escape(attribute);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    private static string Escape(string token) =>
        token.Contains('~', StringComparison.Ordinal) || token.Contains('/', StringComparison.Ordinal)
            ? token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : token;
}
