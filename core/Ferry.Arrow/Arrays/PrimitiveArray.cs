using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>
/// An array of fixed-width values viewed as <typeparamref name="T"/>: integers, floats
/// (<see cref="Half"/>, <see cref="float"/>, <see cref="double"/>), dates, times, timestamps,
/// durations and intervals. <see cref="Values"/> is a zero-copy view of the values buffer.
/// </summary>
/// <typeparam name="T">The CLR type whose size matches <see cref="ArrowType.ByteWidth"/>
/// (e.g. <see cref="float"/> for float32, <see cref="long"/> for timestamp and date64).</typeparam>
public sealed class PrimitiveArray<T> : ArrowArray, IPrimitiveArray
    where T : unmanaged
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">A fixed-width, non-nested, non-boolean type of the same width as <typeparamref name="T"/>.</param>
    /// <param name="values">The values buffer, at least length × sizeof(T) bytes, little-endian.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public PrimitiveArray(ArrowType type, ReadOnlyMemory<byte> values, int length, ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (!IsCompatible(type))
        {
            throw new ArgumentException(
                $"Type {type} cannot be viewed as {typeof(T).Name} ({Unsafe.SizeOf<T>()} bytes).", nameof(type));
        }

        if (values.Length < (long)length * Unsafe.SizeOf<T>())
        {
            throw new ArgumentException(
                $"The values buffer has {values.Length} bytes; {(long)length * Unsafe.SizeOf<T>()} are needed.", nameof(values));
        }

        ValuesBuffer = values[..(length * Unsafe.SizeOf<T>())];
    }

    /// <summary>The values buffer (exactly Length × sizeof(T) bytes).</summary>
    public ReadOnlyMemory<byte> ValuesBuffer { get; }

    /// <summary>The values, including the (unspecified) values under null slots.</summary>
    public ReadOnlySpan<T> Values => MemoryMarshal.Cast<byte, T>(ValuesBuffer.Span);

    /// <summary>The value at a slot (unspecified for a null slot).</summary>
    public T this[int index] => GetValue(index);

    /// <summary>The value at a slot (unspecified for a null slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T GetValue(int index)
    {
        CheckIndex(index);
        return MemoryMarshal.Read<T>(ValuesBuffer.Span[(index * Unsafe.SizeOf<T>())..]);
    }

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var size = Unsafe.SizeOf<T>();
        return new PrimitiveArray<T>(Type, ValuesBuffer.Slice(offset * size, length * size), length, validity, nulls);
    }

    /// <summary>The value, or null for a null slot.</summary>
    public T? GetNullableValue(int index) => IsNull(index) ? null : GetValue(index);

    /// <summary>True when <paramref name="type"/> can be viewed as <typeparamref name="T"/>.</summary>
    public static bool IsCompatible(ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId is not (ArrowTypeId.Null or ArrowTypeId.Boolean or ArrowTypeId.FixedSizeBinary
            or ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256 or ArrowTypeId.Dictionary)
            && !type.IsNested && type.ByteWidth == Unsafe.SizeOf<T>();
    }
}
