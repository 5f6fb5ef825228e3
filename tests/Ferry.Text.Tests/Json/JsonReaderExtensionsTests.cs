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
        ReadOnlySpan<byte> json = Line;
        var reader = new Utf8JsonReader(json);
        float[]? embedding = null;
        long n = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                var destination = new float[8];
                int count = reader.ReadSingleArray(ref json, destination);
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
        ReadOnlySpan<byte> json = Line;
        var reader = new Utf8JsonReader(json);
        while (reader.Read() && reader.TokenType != JsonTokenType.StartArray)
        {
        }

        Assert.Equal([0.25f, -1.5e-3f, 3f], reader.ReadSingleArray(ref json));
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
        Assert.True(reader.ValueTextEquals("metadata"u8));
    }

    [Fact]
    public void ReadSingleArray_StringInArray_ErrorOffsetIsFromBufferStart()
    {
        ReadOnlySpan<byte> line = "{\"v\":[1,\"x\",3]}"u8;
        var reader = new Utf8JsonReader(line);
        reader.Read();
        reader.Read();
        reader.Read();
        Utf8FormatException? error = null;
        try
        {
            reader.ReadSingleArray(ref line, new float[4]);
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
        ReadOnlySpan<byte> json = Line;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        bool threw = false;
        try
        {
            reader.ReadSingleArray(ref json, new float[4]);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void ReadSingleArray_TwoArraysAndNesting_RestOfWalkIdenticalToPlainReader()
    {
        // Every token after each fast-parsed array must be what a plain reader (skipping the arrays) produces.
        byte[] record = Encoding.UTF8.GetBytes(
            "{\"a\":{\"v\":[1,2]},\"list\":[[0.5,0.25],[3]],\"b\":[ ],\"tail\":[true,null,{\"x\":\"y\"}],\"n\":-1.5}");
        var expected = new List<string>();
        var plain = new Utf8JsonReader(record);
        while (plain.Read())
        {
            expected.Add(Describe(ref plain));
            if (plain.TokenType == JsonTokenType.StartArray && IsNumberArray(record, (int)plain.TokenStartIndex))
            {
                plain.Skip();
                expected.Add(Describe(ref plain));
            }
        }

        var actual = new List<string>();
        var numbers = new List<float>();
        ReadOnlySpan<byte> json = record;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            actual.Add(Describe(ref reader));
            if (reader.TokenType == JsonTokenType.StartArray && IsNumberArray(json, (int)reader.TokenStartIndex))
            {
                numbers.AddRange(reader.ReadSingleArray(ref json));
                actual.Add(Describe(ref reader));
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal([1f, 2f, 0.5f, 0.25f, 3f], numbers);
        Assert.Equal(0, reader.CurrentDepth);
    }

    [Fact]
    public void ReadSingleArray_UnterminatedRecordAfterArray_ReaderStillReportsIt()
    {
        ReadOnlySpan<byte> json = "{\"v\":[1,2],\"x\":"u8;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        reader.Read();
        reader.ReadSingleArray(ref json, new float[2]);
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
        bool threw = false;
        try
        {
            reader.Read();
        }
        catch (JsonException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    private static bool IsNumberArray(ReadOnlySpan<byte> json, int start) =>
        JsonNumberArray.TryParseSingles(json[start..], new float[16], out _, out _, out _);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.PropertyName or JsonTokenType.String => $"{reader.TokenType}:{reader.GetString()}@{reader.CurrentDepth}",
        JsonTokenType.Number => $"Number:{reader.GetDouble()}@{reader.CurrentDepth}",
        _ => $"{reader.TokenType}@{reader.CurrentDepth}",
    };
}
