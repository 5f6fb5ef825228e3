namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>Which float32 values a <c>halfvec</c> stores without change.</summary>
internal static class HalfPrecision
{
    /// <summary>True when narrowing to binary16 and widening back gives the same bits (finite values only: pgvector refuses NaN and infinity).</summary>
    public static bool IsExact(float value) =>
        float.IsFinite(value) && BitConverter.SingleToInt32Bits((float)(Half)value) == BitConverter.SingleToInt32Bits(value);
}
