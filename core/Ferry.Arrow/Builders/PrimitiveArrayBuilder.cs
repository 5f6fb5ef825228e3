using System.Runtime.CompilerServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Builds <see cref="PrimitiveArray{T}"/>s; <see cref="AppendRange"/> copies a whole span at memory speed.</summary>
/// <typeparam name="T">The CLR value type matching the Arrow type's width.</typeparam>
public sealed class PrimitiveArrayBuilder<T> : ArrowArrayBuilder
    where T : unmanaged
{
    private readonly GrowableBuffer _values;

    /// <summary>Creates the builder.</summary>
    /// <param name="type">A fixed-width type viewable as <typeparamref name="T"/> (see <see cref="PrimitiveArray{T}.IsCompatible"/>).</param>
    /// <param name="capacity">Expected number of slots.</param>
    public PrimitiveArrayBuilder(ArrowType type, int capacity = 0)
        : base(type)
    {
        if (!PrimitiveArray<T>.IsCompatible(type))
        {
            throw new ArgumentException($"Type {type} cannot be built from {typeof(T).Name} values.", nameof(type));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _values = new GrowableBuffer(checked(capacity * Unsafe.SizeOf<T>()));
    }

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        _values.Append(value);
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(T? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends all values of a span (one bulk copy).</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        _values.Append(values);
        Validity.AppendValid(values.Length);
        Length += values.Length;
    }

    /// <summary>Reserves room for <paramref name="additional"/> more values.</summary>
    public void EnsureCapacity(int additional) =>
        _values.EnsureCapacity(checked(_values.Length + (additional * Unsafe.SizeOf<T>())));

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <summary>Appends null slots (their values are zero).</summary>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values.AppendZeros(checked(count * Unsafe.SizeOf<T>()));
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values.AppendZeros(checked(count * Unsafe.SizeOf<T>()));
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var (bitmap, nulls, length) = DetachCommon();
        return new PrimitiveArray<T>(Type, _values.Detach(), length, bitmap, nulls);
    }
}
