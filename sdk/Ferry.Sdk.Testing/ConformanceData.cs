using System.Globalization;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Sdk.Testing;

/// <summary>
/// Deterministic test records that exercise everything a record can carry: odd ids, text and titles with non-ASCII
/// characters, vectors with -0 and subnormal components, sparse vectors, every metadata kind (nested arrays and
/// objects included), relationships and provenance. <see cref="ConformanceFeatures"/> leaves out what a target
/// documents it cannot store.
/// </summary>
public static class ConformanceData
{
    /// <summary>The name of the sparse vector in the generated records.</summary>
    public const string SparseVectorName = "keywords";

    private static readonly DateTimeOffset Epoch = new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The schema of records from <see cref="CreateRecords"/>.</summary>
    public static DatasetSchema Schema(ConformanceFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var metadata = new List<MetadataField>();
        foreach (var kind in MetadataKinds(features))
        {
            metadata.Add(new MetadataField(FieldName(kind), kind == MetadataKind.Null ? null : kind));
        }

        return new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, features.Dimension, DistanceMetric.Cosine)],
            SparseVectors = features.SparseVectors ? [SparseVectorName] : [],
            Metadata = metadata,
            HasText = true,
            HasTitle = features.Titles,
        };
    }

    /// <summary>Creates <paramref name="count"/> records; the same arguments always give the same records.</summary>
    public static IReadOnlyList<Record> CreateRecords(int count, ConformanceFeatures features, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        var records = new List<Record>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(CreateRecord(i, features, seed));
        }

        return records;
    }

    /// <summary>The id of record <paramref name="index"/>: mostly plain, every fifth with a slash, a space and non-ASCII characters when allowed.</summary>
    public static string IdOf(int index, ConformanceFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var plain = "rec-" + index.ToString("D5", CultureInfo.InvariantCulture);
        return features.ArbitraryIds && index % 5 == 3 ? $"Dir/Ünïcode id {index}" : plain;
    }

    private static Record CreateRecord(int index, ConformanceFeatures features, int seed)
    {
        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index;
        var record = new Record(IdOf(index, features))
        {
            Text = index % 7 == 6 ? null : $"Document {index}: naïve café — 東京 ✓",
            Title = features.Titles ? $"Title {index}" : null,
            RecordType = features.RecordTypes && index % 10 == 0 ? RecordTypes.CollectionHeader : RecordTypes.Document,
            Collection = features.Collections ? "collection-" + (index % 3).ToString(CultureInfo.InvariantCulture) : null,
        };
        var vector = new float[features.Dimension];
        for (var j = 0; j < vector.Length; j++)
        {
            vector[j] = (float)((double)(Next(ref state) >> 11) / (1UL << 53) * 2 - 1);
        }

        if (features.SpecialFloats && vector.Length >= 2)
        {
            vector[0] = index % 2 == 0 ? -0f : 1.0e-40f;
            vector[1] = index % 3 == 0 ? float.Epsilon : 3.4e38f;
        }

        record.Vector = vector;
        if (features.SparseVectors)
        {
            var indices = new uint[1 + (index % 4)];
            var values = new float[indices.Length];
            for (var k = 0; k < indices.Length; k++)
            {
                indices[k] = (uint)((k * 97) + index);
                values[k] = (float)(k + 1) / 3f;
            }

            record.Sparse[SparseVectorName] = new SparseVector(indices, values);
        }

        foreach (var kind in MetadataKinds(features))
        {
            record.Metadata[FieldName(kind)] = ValueOf(kind, index, features);
        }

        if (features.Relationships && index > 0)
        {
            record.Relationships.Add(new Relationship(RelationshipKinds.Parent, IdOf(index - 1, features)));
        }

        if (features.Provenance)
        {
            record.Source = new RecordSource("conformance", "data-" + seed.ToString(CultureInfo.InvariantCulture), "orig-" + index.ToString(CultureInfo.InvariantCulture));
        }

        return record;
    }

    private static IEnumerable<MetadataKind> MetadataKinds(ConformanceFeatures features) =>
        Enum.GetValues<MetadataKind>().Where(features.MetadataKinds.Contains);

    private static string FieldName(MetadataKind kind) => "m_" + kind.ToString().ToLowerInvariant();

    private static MetadataValue ValueOf(MetadataKind kind, int index, ConformanceFeatures features) => kind switch
    {
        MetadataKind.Null => MetadataValue.Null,
        MetadataKind.Bool => index % 2 == 0,
        MetadataKind.Integer => index % 4 == 1 ? long.MaxValue - index : -1_000_000_007L * index,
        MetadataKind.Float => index % 4 == 2 ? -0.0 : (index * 0.1) + 1e-300,
        MetadataKind.Decimal => MetadataValue.FromDecimal(12345.6789m + index),
        MetadataKind.String => index % 6 == 5 ? string.Empty : $"värde-{index} \"quoted\"\n",
        MetadataKind.Timestamp => Epoch.AddSeconds(index * 3661.5),
        MetadataKind.Bytes => MetadataValue.FromBytes([0, 1, 2, 255, (byte)index]),
        MetadataKind.Array => MetadataValue.FromArray(ArrayItems(index, features)),
        MetadataKind.Object => MetadataValue.FromObject(
        [
            KeyValuePair.Create("n", (MetadataValue)(long)index),
            KeyValuePair.Create("s", (MetadataValue)("x" + index.ToString(CultureInfo.InvariantCulture))),
            KeyValuePair.Create("inner", MetadataValue.FromObject([KeyValuePair.Create("flag", (MetadataValue)true)])),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown metadata kind."),
    };

    private static MetadataValue[] ArrayItems(int index, ConformanceFeatures features) =>
        features.MixedArrays
            ? ["a", (long)index, 2.5, true]
            : ["a", "b", "c" + index.ToString(CultureInfo.InvariantCulture)];

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
