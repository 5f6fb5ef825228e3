using System.Text;
using System.Text.Json;
using Ferry.Text.Json;
using Xunit;

namespace Ferry.Text.Tests.Json;

public sealed class JsonReaderExtensionsTests
{
    private static readonly byte[] Line = Encoding.UTF8.GetBytes(
        "{\"id\":\"doc-7\",\"embedding\":[0.25, -1.5e-3,3],\"metadata\":{\"tags\":[\"a\"]},\"n\":2}");

    [Fact]
    public void ReadSingleArray_InsideRecord_ParsesAndContinuesWalk()
    {
        var reader = new Utf8JsonReader(Line);
        float[]? embedding = null;
        long n = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                var destination = new float[8];
                int count = reader.ReadSingleArray(Line, destination);
                embedding = destination[..count];
                Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                n = reader.GetInt64();
            }
        }

        Assert.NotNull(embedding);
        Assert.Equal([0.25f, -1.5e-3f, 3f], embedding);
        Assert.Equal(2, n);
    }

    [Fact]
    public void ReadSingleArray_UnknownLength_ReturnsExactArray()
    {
        var reader = new Utf8JsonReader(Line);
        while (reader.Read() && reader.TokenType != JsonTokenType.StartArray)
        {
        }

        Assert.Equal([0.25f, -1.5e-3f, 3f], reader.ReadSingleArray(Line));
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
        Assert.True(reader.ValueTextEquals("metadata"u8));
    }

    [Fact]
    public void ReadSingleArray_StringInArray_ErrorOffsetIsFromBufferStart()
    {
        byte[] line = Encoding.UTF8.GetBytes("{\"v\":[1,\"x\",3]}");
        var reader = new Utf8JsonReader(line);
        reader.Read();
        reader.Read();
        reader.Read();
        Utf8FormatException? error = null;
        try
        {
            reader.ReadSingleArray(line, new float[4]);
        }
        catch (Utf8FormatException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(8, error.Offset);
        Assert.Equal(Utf8ParseErrorKind.ExpectedNumber, error.Kind);
        Assert.Contains("byte 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSingleArray_NotOnArray_Throws()
    {
        var reader = new Utf8JsonReader(Line);
        reader.Read();
        bool threw = false;
        try
        {
            reader.ReadSingleArray(Line, new float[4]);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }
}
