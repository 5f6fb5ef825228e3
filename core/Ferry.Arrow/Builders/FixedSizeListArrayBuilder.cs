using System.Globalization;

namespace Ferry.Arrow;

/// <summary>
/// Builds <see cref="FixedSizeListArray"/>s. For vectors use <see cref="Append{T}(ReadOnlySpan{T})"/>
/// (one vector) or <see cref="AppendRange{T}"/> (many vectors back to back): each is a single bulk copy.
/// </summary>
public sealed class FixedSizeListArrayBuilder : ArrowArrayBuilder
{
    /// <summary>Creates the builder and, through <see cref="ArrowArrayBuilder.Create"/>, its value builder.</summary>
    /// <param name="type">The fixed-size list type.</param>
    /// <param name="capacity">Expected number of slots (the value builder is sized for capacity × list size).</param>
    public FixedSizeListArrayBuilder(FixedSizeListType type, int capacity = 0)
        : base(type)
    {
        ListSize = type.ListSize;
        ValueBuilder = Create(type.ValueType, checked(capacity * type.ListSize));
    }

    /// <summary>Values per slot.</summary>
    public int ListSize { get; }

    /// <summary>The builder of the values.</summary>
    public ArrowArrayBuilder ValueBuilder { get; }

    /// <summary>The value builder, cast to its concrete class.</summary>
    public TBuilder GetValueBuilder<TBuilder>()
        where TBuilder : ArrowArrayBuilder => (TBuilder)ValueBuilder;

    /// <summary>Opens a valid slot; append exactly <see cref="ListSize"/> values to <see cref="ValueBuilder"/>.</summary>
    public void Append()
    {
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends one slot holding <paramref name="values"/> (e.g. a float vector).</summary>
    /// <exception cref="ArgumentException">The span length is not <see cref="ListSize"/>.</exception>
    /// <exception cref="InvalidOperationException">The value builder is not a <see cref="PrimitiveArrayBuilder{T}"/>.</exception>
    public void Append<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (values.Length != ListSize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The vector has {values.Length} values; this list takes exactly {ListSize}."),
                nameof(values));
        }

        Primitive<T>().AppendRange(values);
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends <c>values.Length / ListSize</c> valid slots from values laid out back to back.</summary>
    /// <exception cref="ArgumentException">The span length is not a multiple of <see cref="ListSize"/>.</exception>
    public void AppendRange<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (ListSize == 0 ? !values.IsEmpty : values.Length % ListSize != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{values.Length} values is not a whole number of {ListSize}-value slots."),
                nameof(values));
        }

        var slots = ListSize == 0 ? 0 : values.Length / ListSize;
        Primitive<T>().AppendRange(values);
        Validity.AppendValid(slots);
        Length += slots;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <summary>Appends null slots (their child values are placeholders).</summary>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        AppendChildPlaceholders(ValueBuilder, checked(count * ListSize));
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        AppendChildPlaceholders(ValueBuilder, checked(count * ListSize));
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The value builder does not hold Length × ListSize values.</exception>
    public override ArrowArray Build()
    {
        if (ValueBuilder.Length != (long)Length * ListSize)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The value builder holds {ValueBuilder.Length} values; {Length} slots of {ListSize} need {(long)Length * ListSize}."));
        }

        var values = ValueBuilder.Build();
        var (bitmap, nulls, length) = DetachCommon();
        return new FixedSizeListArray((FixedSizeListType)Type, values, length, bitmap, nulls);
    }

    private PrimitiveArrayBuilder<T> Primitive<T>()
        where T : unmanaged => ValueBuilder as PrimitiveArrayBuilder<T>
        ?? throw new InvalidOperationException($"The value builder is {ValueBuilder.GetType().Name}, not PrimitiveArrayBuilder<{typeof(T).Name}>.");
}
