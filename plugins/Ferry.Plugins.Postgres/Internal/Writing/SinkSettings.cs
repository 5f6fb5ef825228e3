using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>The sink's options, validated, with their documented defaults.</summary>
internal sealed class SinkSettings
{
    /// <summary>pgvector's largest sparsevec dimension, used when nothing tells the sink a sparse vector's dimension.</summary>
    public const int DefaultSparseDimension = 1_000_000_000;

    /// <summary>Rows per INSERT statement: big enough to amortize a round trip, small enough for modest statements.</summary>
    public const int DefaultInsertRows = 250;

    public const int DefaultHnswM = 16;
    public const int DefaultHnswEfConstruction = 64;

    /// <summary>Create the table when it is missing (option <c>create</c>, default true).</summary>
    public bool Create { get; private init; } = true;

    public LoadMode Load { get; private init; } = LoadMode.Auto;

    /// <summary>The vector storage asked for, or <c>null</c> to use pgvector when it can be created and real[] otherwise.</summary>
    public VectorStorage? VectorType { get; private init; }

    public int SparseDimension { get; private init; } = DefaultSparseDimension;

    public int InsertRows { get; private init; } = DefaultInsertRows;

    public IndexMethod Index { get; private init; } = IndexMethod.None;

    /// <summary>ivfflat lists; 0 means rows / 1000 (at least 1), pgvector's advice for up to a million rows.</summary>
    public int Lists { get; private init; }

    public int HnswM { get; private init; } = DefaultHnswM;

    public int HnswEfConstruction { get; private init; } = DefaultHnswEfConstruction;

    public static SinkSettings Parse(PostgresSettings settings)
    {
        var options = settings.Options;
        var vectorType = options.Get("vector_type");
        return new SinkSettings
        {
            Create = options.GetBoolean("create", true),
            Load = options.GetEnum("load", LoadMode.Auto),
            VectorType = vectorType switch
            {
                null => null,
                "vector" => VectorStorage.Vector,
                "halfvec" => VectorStorage.Halfvec,
                "real" or "real[]" or "float4[]" => VectorStorage.Real,
                _ => throw new ConnectorConfigurationException($"Option 'vector_type' must be vector, halfvec or real, got '{vectorType}'."),
            },
            SparseDimension = Range(options.GetInt32("sparse_dim", DefaultSparseDimension), "sparse_dim", 1, DefaultSparseDimension),
            InsertRows = Range(options.GetInt32("insert_rows", DefaultInsertRows), "insert_rows", 1, TableWriter.MaxParameters),
            Index = options.GetEnum("index", IndexMethod.None),
            Lists = Range(options.GetInt32("lists", 0), "lists", 0, 32768),
            HnswM = Range(options.GetInt32("hnsw_m", DefaultHnswM), "hnsw_m", 2, 100),
            HnswEfConstruction = Range(options.GetInt32("hnsw_ef_construction", DefaultHnswEfConstruction), "hnsw_ef_construction", 4, 1000),
        };
    }

    private static int Range(int value, string name, int min, int max) =>
        value >= min && value <= max ? value : throw new ConnectorConfigurationException($"Option '{name}' must be between {min} and {max}, got {value}.");
}
