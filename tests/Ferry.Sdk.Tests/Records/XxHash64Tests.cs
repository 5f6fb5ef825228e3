using System.Text;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Sdk.Tests.Records;

public sealed class XxHash64Tests
{
    // Reference values computed with the xxHash C library (libxxhash 0.8.1, XXH64).
    [Theory]
    [InlineData("", 0UL, 0xEF46DB3751D8E999UL)]
    [InlineData("abc", 0UL, 0x44BC2CF5AD770999UL)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0UL, 0xFE47067CDA802916UL)]
    [InlineData("Ferry moves records bit for bit.", 42UL, 0x4E57E1150C09000AUL)]
    public void Hash_KnownInputs_MatchTheReferenceImplementation(string text, ulong seed, ulong expected) =>
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(text), seed));

    [Fact]
    public void Hash_LongInputWithSeed_MatchesTheReferenceImplementation()
    {
        var data = new byte[768];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)i;
        }

        Assert.Equal(0x919E1C789D522E91UL, XxHash64.Hash(data, 0x9E3779B97F4A7C15UL));
    }
}
