using System.Text.Json.Nodes;
using Ferry.Arrow.Tests.Interop;
using Xunit;

namespace Ferry.Arrow.Tests.Support;

/// <summary>Compares batches value by value through the bit-exact JSON form (floats as bit patterns).</summary>
internal static class BatchAssert
{
    public static void Equal(IReadOnlyList<RecordBatch> expected, IReadOnlyList<RecordBatch> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var b = 0; b < expected.Count; b++)
        {
            Equal(expected[b], actual[b], "batch " + b);
        }
    }

    public static void Equal(RecordBatch expected, RecordBatch actual, string where = "batch")
    {
        Assert.True(expected.Schema.Equals(actual.Schema), $"{where}: schema {actual.Schema} differs from {expected.Schema}");
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            var name = expected.Schema[c].Name;
            var x = expected.Column(c);
            var y = actual.Column(c);
            Assert.Equal(x.Length, y.Length);
            Assert.True(x.NullCount == y.NullCount, $"{where} column {name}: null count {y.NullCount}, expected {x.NullCount}");
            for (var i = 0; i < x.Length; i++)
            {
                var ex = JsExpectation.Value(x, i);
                var ac = JsExpectation.Value(y, i);
                Assert.True(JsonNode.DeepEquals(ex, ac), $"{where} column {name} row {i}: read {ac?.ToJsonString() ?? "null"}, wrote {ex?.ToJsonString() ?? "null"}");
            }
        }
    }
}
