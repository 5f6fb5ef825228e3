using System.Numerics;

namespace Ferry.Arrow.Tests.Support;

/// <summary>A schema with every supported type and batches full of awkward values (NaN payloads,
/// -0.0, subnormals, infinities, extremes, empty and null nested values, unicode).</summary>
internal static class SampleData
{
    public const int SmallDimension = 16;
    public const int VectorDimension = 384;

    public static readonly uint[] AwkwardFloatBits =
    [
        0x7fc00000, 0x7fc00001, 0xffc12345, 0x7f800001, 0x80000000, 0x00000000, 0x7f800000, 0xff800000,
        0x00000001, 0x007fffff, 0x80000001, 0x7f7fffff, 0x00800000, 0x3eaaaaab, 0xbfc00000, 0x40490fd0,
    ];

    public static readonly ulong[] AwkwardDoubleBits =
    [
        0x7ff8000000000001, 0xfff0000000000000, 0x8000000000000000, 0x0000000000000001, 0x000fffffffffffff,
        0x7fefffffffffffff, 0x3fd5555555555555, 0x7ff4000000000000, 0x7ff0000000000000, 0xc00921fb54442d18,
    ];

    private static readonly string[] Words = ["alpha", "beta", "gamma", "", "delta é", "漢字", "emoji 🙂", "x"];

    public static Schema AllTypesSchema()
    {
        var uuid = new Field("uuid", new FixedSizeBinaryType(16), true,
            [new("ARROW:extension:name", "arrow.uuid"), new("ARROW:extension:metadata", "")]);
        var meta = new StructType([
            new Field("a", ArrowType.Int32),
            new Field("b", ArrowType.Utf8),
            new Field("c", ArrowType.List(ArrowType.Float64)),
        ]);
        return new Schema(
            [
                new Field("id", ArrowType.Utf8, false),
                new Field("vec", ArrowType.FixedSizeList(ArrowType.Float32, SmallDimension), true, [new("ferry:metric", "cosine")]),
                new Field("embedding", ArrowType.FixedSizeList(ArrowType.Float32, VectorDimension), false),
                new Field("text", ArrowType.LargeUtf8),
                new Field("flag", ArrowType.Boolean),
                new Field("i8", ArrowType.Int8),
                new Field("i16", ArrowType.Int16),
                new Field("i32", ArrowType.Int32),
                new Field("i64", ArrowType.Int64),
                new Field("u8", ArrowType.UInt8),
                new Field("u16", ArrowType.UInt16),
                new Field("u32", ArrowType.UInt32),
                new Field("u64", ArrowType.UInt64),
                new Field("f16", ArrowType.Float16),
                new Field("f64", ArrowType.Float64),
                new Field("bin", ArrowType.Binary),
                new Field("lbin", ArrowType.LargeBinary),
                uuid,
                new Field("d32", ArrowType.Date32),
                new Field("d64", ArrowType.Date64),
                new Field("t32", new TimeType(TimeUnit.Millisecond)),
                new Field("t64", new TimeType(TimeUnit.Nanosecond)),
                new Field("ts_utc", ArrowType.Timestamp(TimeUnit.Microsecond, "UTC")),
                new Field("ts_paris", ArrowType.Timestamp(TimeUnit.Nanosecond, "Europe/Paris")),
                new Field("ts_naive", ArrowType.Timestamp(TimeUnit.Second)),
                new Field("dur", new DurationType(TimeUnit.Millisecond)),
                new Field("iv_ym", new IntervalType(IntervalUnit.YearMonth)),
                new Field("iv_dt", new IntervalType(IntervalUnit.DayTime)),
                new Field("iv_mdn", new IntervalType(IntervalUnit.MonthDayNano)),
                new Field("dec", new DecimalType(10, 2)),
                new Field("dec256", new DecimalType(40, 5, 256)),
                new Field("tags", ArrowType.List(ArrowType.Utf8)),
                new Field("scores", ArrowType.LargeList(ArrowType.Float32)),
                new Field("meta", meta),
                new Field("attrs", ArrowType.Map(ArrowType.Utf8, ArrowType.Int64)),
                new Field("lang", ArrowType.Dictionary(ArrowType.Int32, ArrowType.Utf8)),
                new Field("cat8", ArrowType.Dictionary(ArrowType.Int8, ArrowType.Utf8)),
                new Field("nothing", ArrowType.Null),
            ],
            [new("ferry:source", "sample"), new("ferry:rows", "many")]);
    }

    /// <summary>Batches built with one builder, so the dictionaries grow across batches (deltas).</summary>
    public static List<RecordBatch> AllTypesBatches(params int[] rowsPerBatch)
    {
        var schema = AllTypesSchema();
        var builder = new RecordBatchBuilder(schema);
        var random = new Random(1234);
        var batches = new List<RecordBatch>();
        var row = 0;
        foreach (var rows in rowsPerBatch)
        {
            for (var r = 0; r < rows; r++, row++)
            {
                AppendRow(builder, random, row);
            }

            batches.Add(builder.Build());
        }

        return batches;
    }

    private static void AppendRow(RecordBatchBuilder b, Random random, int row)
    {
        var isNull = row % 7 == 3;
        b.Column<StringArrayBuilder>("id").Append("doc-" + row + "-" + Words[row % Words.Length]);

        var vec = b.Column<FixedSizeListArrayBuilder>("vec");
        if (row % 11 == 5)
        {
            vec.AppendNull();
        }
        else
        {
            Span<float> v = stackalloc float[SmallDimension];
            for (var j = 0; j < v.Length; j++)
            {
                v[j] = BitConverter.UInt32BitsToSingle(AwkwardFloatBits[(row + j) % AwkwardFloatBits.Length]);
            }

            vec.Append<float>(v);
        }

        Span<float> e = stackalloc float[VectorDimension];
        for (var j = 0; j < e.Length; j++)
        {
            e[j] = j < AwkwardFloatBits.Length && row % 2 == 0
                ? BitConverter.UInt32BitsToSingle(AwkwardFloatBits[j])
                : (float)((random.NextDouble() * 2) - 1);
        }

        b.Column<FixedSizeListArrayBuilder>("embedding").Append<float>(e);
        b.Column<StringArrayBuilder>("text").Append(isNull ? null : string.Concat(Enumerable.Repeat(Words[row % Words.Length] + " ", row % 5)));
        b.Column<BooleanArrayBuilder>("flag").Append(isNull ? null : row % 3 == 0);
        b.Column<PrimitiveArrayBuilder<sbyte>>("i8").Append(isNull ? null : (sbyte)(row % 3 == 0 ? sbyte.MinValue : row % 3 == 1 ? sbyte.MaxValue : row));
        b.Column<PrimitiveArrayBuilder<short>>("i16").Append(isNull ? null : (short)(row % 2 == 0 ? short.MinValue + row : short.MaxValue - row));
        b.Column<PrimitiveArrayBuilder<int>>("i32").Append(isNull ? null : row % 2 == 0 ? int.MinValue + row : int.MaxValue - row);
        b.Column<PrimitiveArrayBuilder<long>>("i64").Append(isNull ? null : row % 2 == 0 ? long.MinValue + row : long.MaxValue - row);
        b.Column<PrimitiveArrayBuilder<byte>>("u8").Append(isNull ? null : (byte)(byte.MaxValue - row));
        b.Column<PrimitiveArrayBuilder<ushort>>("u16").Append(isNull ? null : (ushort)(ushort.MaxValue - row));
        b.Column<PrimitiveArrayBuilder<uint>>("u32").Append(isNull ? null : uint.MaxValue - (uint)row);
        b.Column<PrimitiveArrayBuilder<ulong>>("u64").Append(isNull ? null : ulong.MaxValue - (ulong)row);
        b.Column<PrimitiveArrayBuilder<Half>>("f16").Append(isNull ? null : row % 4 == 0 ? Half.NegativeZero : row % 4 == 1 ? Half.Epsilon : (Half)(row / 3.0));
        b.Column<PrimitiveArrayBuilder<double>>("f64").Append(isNull ? null : BitConverter.UInt64BitsToDouble(AwkwardDoubleBits[row % AwkwardDoubleBits.Length]));
        b.Column<BinaryArrayBuilder>("bin").Append(isNull ? null : Bytes(random, row % 9));
        b.Column<BinaryArrayBuilder>("lbin").Append(isNull ? null : Bytes(random, row % 4));
        if (isNull)
        {
            b.Column<FixedSizeBinaryArrayBuilder>("uuid").AppendNull();
        }
        else
        {
            b.Column<FixedSizeBinaryArrayBuilder>("uuid").Append(Guid.CreateVersion7().ToByteArray());
        }

        b.Column<PrimitiveArrayBuilder<int>>("d32").Append(isNull ? null : -719162 + (row * 1000));
        b.Column<PrimitiveArrayBuilder<long>>("d64").Append(isNull ? null : (row - 20) * 86_400_000L);
        b.Column<PrimitiveArrayBuilder<int>>("t32").Append(isNull ? null : row * 1_000_003 % 86_400_000);
        b.Column<PrimitiveArrayBuilder<long>>("t64").Append(isNull ? null : row * 1_234_567_891L % 86_400_000_000_000L);
        var utc = (TimestampType)AllTypesSchemaField("ts_utc");
        b.Column<PrimitiveArrayBuilder<long>>("ts_utc").Append(isNull ? null : utc.FromDateTimeOffset(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(row * 12_345L)));
        b.Column<PrimitiveArrayBuilder<long>>("ts_paris").Append(isNull ? null : (row % 2 == 0 ? -1 : 1) * (1_700_000_000_123_456_789L + row));
        b.Column<PrimitiveArrayBuilder<long>>("ts_naive").Append(isNull ? null : -62135596800L + row);
        b.Column<PrimitiveArrayBuilder<long>>("dur").Append(isNull ? null : (row - 10) * 3_600_000L);
        b.Column<PrimitiveArrayBuilder<int>>("iv_ym").Append(isNull ? null : row - 12);
        b.Column<PrimitiveArrayBuilder<IntervalDayTime>>("iv_dt").Append(isNull ? null : new IntervalDayTime(row, -row * 1000));
        b.Column<PrimitiveArrayBuilder<IntervalMonthDayNano>>("iv_mdn").Append(isNull ? null : new IntervalMonthDayNano(row, -row, row * 1_000_000_007L));
        b.Column<DecimalArrayBuilder>("dec").Append(isNull ? null : (row % 2 == 0 ? -1 : 1) * (12345678.91m - row));
        if (isNull)
        {
            b.Column<DecimalArrayBuilder>("dec256").AppendNull();
        }
        else
        {
            b.Column<DecimalArrayBuilder>("dec256").AppendUnscaled(BigInteger.Pow(10, 39) - 1 - row);
        }

        var tags = b.Column<ListArrayBuilder>("tags");
        if (row % 5 == 4)
        {
            tags.AppendNull();
        }
        else
        {
            tags.Append();
            var items = tags.GetValueBuilder<StringArrayBuilder>();
            for (var j = 0; j < row % 4; j++)
            {
                items.Append(j == 1 ? null : Words[(row + j) % Words.Length]);
            }
        }

        var scores = b.Column<ListArrayBuilder>("scores");
        scores.Append();
        scores.GetValueBuilder<PrimitiveArrayBuilder<float>>().AppendRange([row, -row, BitConverter.UInt32BitsToSingle(AwkwardFloatBits[row % AwkwardFloatBits.Length])]);

        var meta = b.Column<StructArrayBuilder>("meta");
        if (row % 6 == 2)
        {
            meta.AppendNull();
        }
        else
        {
            meta.Append();
            meta.GetFieldBuilder<PrimitiveArrayBuilder<int>>(0).Append(row % 4 == 0 ? null : row);
            meta.GetFieldBuilder<StringArrayBuilder>(1).Append(Words[row % Words.Length]);
            var c = meta.GetFieldBuilder<ListArrayBuilder>(2);
            c.Append();
            c.GetValueBuilder<PrimitiveArrayBuilder<double>>().Append(row * 0.1);
        }

        var attrs = b.Column<MapArrayBuilder>("attrs");
        if (row % 8 == 7)
        {
            attrs.AppendNull();
        }
        else
        {
            attrs.Append();
            for (var j = 0; j < row % 3; j++)
            {
                attrs.GetKeyBuilder<StringArrayBuilder>().Append("k" + j);
                attrs.GetValueBuilder<PrimitiveArrayBuilder<long>>().Append(j == 1 ? null : row * 1000L + j);
            }
        }

        // New words keep arriving, so each batch extends the dictionary (delta dictionary batches).
        b.Column<StringDictionaryArrayBuilder>("lang").Append(isNull ? null : "lang-" + (row / 3));
        b.Column<StringDictionaryArrayBuilder>("cat8").Append(row % 4 == 1 ? null : Words[row % Words.Length]);
        b.Column<NullArrayBuilder>("nothing").AppendNull();
    }

    private static ArrowType AllTypesSchemaField(string name) => SchemaCache.GetField(name).Type;

    private static readonly Schema SchemaCache = AllTypesSchema();

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
