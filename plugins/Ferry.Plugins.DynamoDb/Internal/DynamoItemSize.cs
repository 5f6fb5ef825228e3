using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// The size DynamoDB charges an item against its 400 KB limit, per its documented rules: attribute names and strings
/// in UTF-8 bytes, binary in bytes, a number about one byte per two significant digits plus one, one byte for booleans
/// and nulls, three bytes plus one per element for lists and maps.
/// </summary>
internal static class DynamoItemSize
{
    public static long Of(Dictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }

        return size;
    }

    private static long Of(AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return Number(value.N);
        }

        if (value.B is not null)
        {
            return value.B.Length;
        }

        if (value.SS is not null)
        {
            return value.SS.Sum(s => (long)Encoding.UTF8.GetByteCount(s));
        }

        if (value.NS is not null)
        {
            return value.NS.Sum(Number);
        }

        if (value.BS is not null)
        {
            return value.BS.Sum(b => b.Length);
        }

        if (value.L is not null)
        {
            long size = 3;
            foreach (var element in value.L)
            {
                size += 1 + Of(element);
            }

            return size;
        }

        if (value.M is not null)
        {
            long size = 3;
            foreach (var (name, element) in value.M)
            {
                size += 1 + Encoding.UTF8.GetByteCount(name) + Of(element);
            }

            return size;
        }

        return 1;
    }

    private static long Number(string text) => (text.Length / 2) + 2;
}
