using System.Text;
using Ferry.Sdk.Records;

namespace Ferry.Files.Tests.Support;

/// <summary>
/// Records that stress type and text fidelity: every metadata kind with its edge values (1.0 as a float, -0.0, NaN
/// with a payload, subnormals, decimal scale and negative zero, timestamps with offsets and 100 ns ticks, empty and
/// binary bytes, nested objects with $-keys, mixed arrays with nested nulls, explicit null next to absent keys),
/// astral-plane text, embedded delimiters, quotes and newlines, empty string next to null, a 1 MB text, and
/// vectors of 0 and 4096 dimensions with -0.0, subnormal, infinite and NaN-payload components.
/// </summary>
public static class FidelityData
{
    public const string Awkward = "comma, semicolon; tab\t\"quoted\" 'single' <tag attr=\"x\"> & ampersand\nnew line\r\ncarriage\rreturn --- # not a heading";

    public const string Astral = "astral 𝄞 music, 😀 emoji, 𠜎 CJK ext-B, and BMP: naïve café 東京 ✓";

    /// <summary>The records; <paramref name="nanVectors"/> false leaves non-finite vector components out (formats that cannot carry them).</summary>
    public static List<Record> Create(bool nanVectors = true, bool longText = true)
    {
        var records = new List<Record>();
        var everything = new Record("all-kinds")
        {
            Text = Awkward,
            Title = Astral,
            Collection = "c1",
            RecordType = RecordTypes.Chunk,
            Source = new RecordSource("test", "file.json", "orig-1"),
        };
        everything.Metadata["null"] = MetadataValue.Null;
        everything.Metadata["bool_true"] = true;
        everything.Metadata["bool_false"] = false;
        everything.Metadata["int"] = 42L;
        everything.Metadata["int_min"] = long.MinValue;
        everything.Metadata["int_max"] = long.MaxValue;
        everything.Metadata["int_zero"] = 0L;
        everything.Metadata["float_one"] = 1.0;
        everything.Metadata["float_neg_zero"] = -0.0;
        everything.Metadata["float_pi"] = Math.PI;
        everything.Metadata["float_subnormal"] = double.Epsilon;
        everything.Metadata["float_max"] = double.MaxValue;
        everything.Metadata["float_tiny"] = 1e-300;
        everything.Metadata["float_nan_payload"] = BitConverter.Int64BitsToDouble(0x7FF8000000000ABCL);
        everything.Metadata["float_inf"] = double.PositiveInfinity;
        everything.Metadata["float_neg_inf"] = double.NegativeInfinity;
        everything.Metadata["decimal"] = MetadataValue.FromDecimal(12.3400m);
        everything.Metadata["decimal_neg_zero"] = MetadataValue.FromDecimal(decimal.Negate(0.00m));
        everything.Metadata["decimal_big"] = MetadataValue.FromDecimal(79228162514264337593543950335m);
        everything.Metadata["string"] = "plain";
        everything.Metadata["string_empty"] = string.Empty;
        everything.Metadata["string_awkward"] = Awkward;
        everything.Metadata["string_astral"] = Astral;
        everything.Metadata["string_numeric"] = "123";
        everything.Metadata["string_boolish"] = "true";
        everything.Metadata["string_nullish"] = "null";
        everything.Metadata["string_dateish"] = "2024-01-01";
        everything.Metadata["string_spaces"] = "  padded  ";
        everything.Metadata["ts_utc"] = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567);
        everything.Metadata["ts_offset"] = new DateTimeOffset(1999, 12, 31, 18, 30, 0, TimeSpan.FromMinutes(-330));
        everything.Metadata["ts_plus"] = new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.FromHours(14));
        everything.Metadata["bytes"] = MetadataValue.FromBytes([0, 1, 2, 0xFE, 0xFF]);
        everything.Metadata["bytes_empty"] = MetadataValue.FromBytes([]);
        everything.Metadata["array_mixed"] = MetadataValue.FromArray(["a", 1L, 1.0, true, MetadataValue.Null, MetadataValue.FromDecimal(0.5m), MetadataValue.FromArray([]), MetadataValue.FromObject([])]);
        everything.Metadata["array_empty"] = MetadataValue.FromArray([]);
        everything.Metadata["array_nested"] = MetadataValue.FromArray([MetadataValue.FromArray([1L, 2L]), MetadataValue.FromArray(["x"])]);
        everything.Metadata["object"] = MetadataValue.FromObject(
        [
            KeyValuePair.Create("n", (MetadataValue)1L),
            KeyValuePair.Create("f", (MetadataValue)2.0),
            KeyValuePair.Create("$dollar", (MetadataValue)"escaped key"),
            KeyValuePair.Create("$f", (MetadataValue)"looks like a tag"),
            KeyValuePair.Create("null", MetadataValue.Null),
            KeyValuePair.Create("when", (MetadataValue)new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.FromHours(2))),
            KeyValuePair.Create("inner", MetadataValue.FromObject([KeyValuePair.Create("deep", MetadataValue.FromBytes([9]))])),
        ]);
        everything.Metadata["object_empty"] = MetadataValue.FromObject([]);
        everything.Metadata["key with spaces, commas \"and quotes\""] = "odd key";
        everything.Metadata["$top"] = "dollar key at the top";
        everything.Metadata["ключ"] = "non-ASCII key";
        var vector = new[] { -0.0f, 0.0f, float.Epsilon, 1.0e-40f, -1.0e-45f, float.MaxValue, float.MinValue, 1.0f, 0.1f, -3.3333333f };
        if (nanVectors)
        {
            vector = [.. vector, BitConverter.Int32BitsToSingle(0x7FC00123), float.PositiveInfinity, float.NegativeInfinity];
        }

        everything.Vector = vector;
        everything.Vectors["empty"] = [];
        everything.Sparse["kw"] = new SparseVector([1u, 7u, 4_000_000_000u], [0.5f, -0.0f, 1e-40f]);
        everything.Relationships.Add(new Relationship(RelationshipKinds.Parent, "parent-1"));
        everything.Relationships.Add(new Relationship("custom kind", "Ünïcode target"));
        records.Add(everything);

        var empty = new Record("empty-text") { Text = string.Empty, Title = string.Empty };
        empty.Metadata["only"] = MetadataValue.Null;
        records.Add(empty);

        var nothing = new Record("null-text");
        records.Add(nothing);

        var big = new Record("dim-4096 and Ünïcode id / with slash") { Text = "short" };
        var wide = new float[4096];
        var state = 12345u;
        for (var i = 0; i < wide.Length; i++)
        {
            state = (state * 1664525u) + 1013904223u;
            wide[i] = BitConverter.Int32BitsToSingle((int)(state & 0x807FFFFFu) | 0x3E000000);
        }

        wide[0] = -0.0f;
        wide[1] = float.Epsilon;
        big.Vector = wide;
        records.Add(big);

        if (longText)
        {
            var builder = new StringBuilder(1 << 20);
            var n = 0;
            while (builder.Length < (1 << 20))
            {
                builder.Append("Line ").Append(n++).Append(": ").Append(Astral).Append(", \"quote\", comma; <x> & --- \n");
            }

            records.Add(new Record("long-text") { Text = builder.ToString(), Title = "1 MB" });
        }

        for (var i = 0; i < 20; i++)
        {
            var plain = new Record("plain-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
            {
                Text = "Plain document " + i,
                Title = i % 2 == 0 ? "Title " + i : null,
            };
            plain.Vector = [i, -i, i * 0.5f];
            plain.Metadata["n"] = (long)i;
            plain.Metadata["score"] = i * 0.25;
            records.Add(plain);
        }

        return records;
    }
}
