using System.Text.Json.Nodes;
using Ferry.Arrow.Tests.Support;
using Ferry.Tests.Shared;
using Xunit;

namespace Ferry.Arrow.Tests.Interop;

/// <summary>
/// Files written by Ferry.Arrow are read by the reference Arrow JS library (npm apache-arrow, pinned
/// in tests/interop/package.json) with the same schema and bit-identical values.
/// </summary>
public class ArrowJsInteropTests
{
    [Fact]
    public void ArrowFileWriter_AllTypes_ArrowJsReadsSameSchemaAndValues()
    {
        var batches = SampleData.AllTypesBatches(37, 23, 1);
        using var file = new TempFile(".arrow");
        using (var stream = File.Create(file.Path))
        using (var writer = new ArrowFileWriter(stream, batches[0].Schema))
        {
            foreach (var b in batches)
            {
                writer.WriteRecordBatch(b);
            }

            writer.Finish();
        }

        AssertSame(batches, ArrowJs.Read(file.Path));
    }

    [Fact]
    public async Task ArrowStreamWriter_AllTypesAsync_ArrowJsReadsSameSchemaAndValues()
    {
        var batches = SampleData.AllTypesBatches(5, 40);
        using var file = new TempFile(".arrows");
        await using (var stream = File.Create(file.Path))
        await using (var writer = new ArrowStreamWriter(stream, batches[0].Schema, new ArrowWriterOptions { Alignment = 8 }))
        {
            foreach (var b in batches)
            {
                await writer.WriteRecordBatchAsync(b);
            }

            await writer.FinishAsync();
        }

        AssertSame(batches, ArrowJs.Read(file.Path));
    }

    [Fact]
    public void ArrowFileWriter_ManyVectors_ArrowJsReadsBitExactFloats()
    {
        const int rows = 2000;
        const int dim = 384;
        var schema = new Schema([new Field("id", ArrowType.Int64, false), new Field("embedding", ArrowType.FixedSizeList(ArrowType.Float32, dim), false)]);
        var values = new float[rows * dim];
        var random = new Random(7);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 97 == 0
                ? BitConverter.UInt32BitsToSingle(SampleData.AwkwardFloatBits[i % SampleData.AwkwardFloatBits.Length])
                : BitConverter.Int32BitsToSingle(random.Next()); // any bit pattern, including NaNs with payloads
        }

        var ids = new PrimitiveArrayBuilder<long>(ArrowType.Int64, rows);
        var vectors = new FixedSizeListArrayBuilder((FixedSizeListType)schema[1].Type, rows);
        for (var i = 0; i < rows; i++)
        {
            ids.Append(i);
        }

        vectors.AppendRange<float>(values);
        var batch = new RecordBatch(schema, [ids.Build(), vectors.Build()], rows);
        using var file = new TempFile(".arrow");
        using (var writer = new ArrowFileWriter(File.Create(file.Path), schema))
        {
            writer.WriteRecordBatch(batch);
            writer.Finish();
        }

        var js = ArrowJs.Read(file.Path);
        Assert.Equal(rows, js["numRows"]!.GetValue<int>());
        var column = js["columns"]![1]!.AsArray();
        for (var r = 0; r < rows; r++)
        {
            var vector = column[r]!.AsArray();
            for (var j = 0; j < dim; j++)
            {
                var expected = "0x" + BitConverter.SingleToUInt32Bits(values[(r * dim) + j]).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(expected == vector[j]!.GetValue<string>(), $"row {r} value {j}: JS read {vector[j]}, wrote {expected}");
            }
        }
    }

    private static void AssertSame(List<RecordBatch> batches, JsonNode js)
    {
        var schema = batches[0].Schema;
        var expectedSchema = JsExpectation.Schema(schema);
        var actualFields = js["schema"]!["fields"]!.AsArray();
        Assert.Equal(schema.Fields.Count, actualFields.Count);
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var expected = expectedSchema["fields"]![i]!;
            Assert.True(JsonNode.DeepEquals(expected, actualFields[i]),
                $"field {schema.Fields[i].Name}: Arrow JS read {actualFields[i]!.ToJsonString()}, expected {expected.ToJsonString()}");
        }

        Assert.True(JsonNode.DeepEquals(expectedSchema["metadata"], js["schema"]!["metadata"]), "schema metadata: " + js["schema"]!["metadata"]!.ToJsonString());
        Assert.Equal(batches.Sum(b => b.Length), js["numRows"]!.GetValue<int>());
        Assert.Equal(batches.Count, js["batches"]!.GetValue<int>());
        var columns = js["columns"]!.AsArray();
        for (var c = 0; c < schema.Fields.Count; c++)
        {
            var expected = JsExpectation.Column(batches, c);
            var actual = columns[c]!.AsArray();
            Assert.Equal(expected.Count, actual.Count);
            for (var r = 0; r < expected.Count; r++)
            {
                Assert.True(JsonNode.DeepEquals(expected[r], actual[r]),
                    $"column {schema.Fields[c].Name} row {r}: Arrow JS read {actual[r]?.ToJsonString() ?? "null"}, expected {expected[r]?.ToJsonString() ?? "null"}");
            }
        }
    }
}
