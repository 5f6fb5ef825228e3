using Npgsql.Internal;
using Npgsql.Internal.Postgres;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// Teaches Npgsql pgvector's three types, in binary: <c>vector</c> ↔ <see cref="PgVector"/>, <c>halfvec</c> ↔
/// <see cref="PgHalfVector"/>, <c>sparsevec</c> ↔ <see cref="PgSparseVector"/>, and <c>real[]</c> ↔
/// <see cref="PgRealArray"/> for vectors kept in arrays. The pgvector type names are matched in
/// whatever schema the extension was created in (Npgsql loads the server's types when it connects).
/// </summary>
internal sealed class VectorTypeInfoResolverFactory : PgTypeInfoResolverFactory
{
    public const string VectorType = "vector";
    public const string HalfVectorType = "halfvec";
    public const string SparseVectorType = "sparsevec";

    /// <summary>PostgreSQL's internal name of <c>real[]</c>.</summary>
    public const string RealArrayType = "_float4";

    public override IPgTypeInfoResolver CreateResolver() => new Resolver();

    // Arrays of vectors are not a column shape Ferry reads or writes.
    public override IPgTypeInfoResolver? CreateArrayResolver() => null;

    private sealed class Resolver : IPgTypeInfoResolver
    {
        private TypeInfoMappingCollection? _mappings;

        public PgTypeInfo? GetTypeInfo(Type? type, DataTypeName? dataTypeName, PgSerializerOptions options) =>
            (_mappings ??= CreateMappings()).Find(type, dataTypeName, options);

        private static TypeInfoMappingCollection CreateMappings()
        {
            var mappings = new TypeInfoMappingCollection();
            mappings.AddType<PgVector>(VectorType, static (options, mapping, _) => mapping.CreateInfo(options, new VectorConverter()), isDefault: true);
            mappings.AddType<PgHalfVector>(HalfVectorType, static (options, mapping, _) => mapping.CreateInfo(options, new HalfVectorConverter()), isDefault: true);
            mappings.AddType<PgSparseVector>(SparseVectorType, static (options, mapping, _) => mapping.CreateInfo(options, new SparseVectorConverter()), isDefault: true);

            // Not the default for real[] (float[] stays Npgsql's): used only where the connector asks for PgRealArray.
            mappings.AddType<PgRealArray>(RealArrayType, static (options, mapping, _) => mapping.CreateInfo(options, new RealArrayConverter()), isDefault: false);
            return mappings;
        }
    }
}
