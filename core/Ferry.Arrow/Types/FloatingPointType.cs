namespace Ferry.Arrow;

/// <summary>An IEEE 754 floating point type.</summary>
public sealed class FloatingPointType : ArrowType
{
    /// <summary>Creates a floating point type; prefer <see cref="ArrowType.Float32"/> and friends.</summary>
    public FloatingPointType(FloatPrecision precision)
        : base(precision switch
        {
            FloatPrecision.Half => ArrowTypeId.Float16,
            FloatPrecision.Single => ArrowTypeId.Float32,
            FloatPrecision.Double => ArrowTypeId.Float64,
            _ => throw new ArgumentOutOfRangeException(nameof(precision)),
        }) => Precision = precision;

    /// <summary>The precision.</summary>
    public FloatPrecision Precision { get; }

    /// <inheritdoc/>
    public override int ByteWidth => Precision switch
    {
        FloatPrecision.Half => 2,
        FloatPrecision.Single => 4,
        _ => 8,
    };

    /// <inheritdoc/>
    public override string ToString() => Precision switch
    {
        FloatPrecision.Half => "float16",
        FloatPrecision.Single => "float32",
        _ => "float64",
    };
}
