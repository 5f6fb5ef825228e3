using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>
/// Appends values into growable buffers and produces an immutable <see cref="ArrowArray"/>.
/// <see cref="Build"/> hands the buffers to the array without copying and leaves the builder
/// empty, ready for the next batch. Builders are not thread-safe.
/// </summary>
public abstract partial class ArrowArrayBuilder
{
    private protected ArrowArrayBuilder(ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
    }

    /// <summary>The type of the arrays this builder produces.</summary>
    public ArrowType Type { get; }

    /// <summary>Number of slots appended since the last <see cref="Build"/>.</summary>
    public int Length { get; private protected set; }

    /// <summary>Number of null slots appended since the last <see cref="Build"/>.</summary>
    public int NullCount => Validity.NullCount;

    private protected ValidityBuilder Validity { get; } = new();

    /// <summary>Appends a null slot.</summary>
    public abstract void AppendNull();

    /// <summary>Appends <paramref name="count"/> null slots.</summary>
    public virtual void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> valid placeholder slots (zero, empty string, empty list, …).
    /// Nested builders use it to fill child slots under a null parent, whose values are unspecified.
    /// </summary>
    public abstract void AppendEmptyValues(int count);

    /// <summary>Produces the array of everything appended so far and empties the builder.</summary>
    public abstract ArrowArray Build();

    private protected (ReadOnlyMemory<byte> Bitmap, int NullCount, int Length) DetachCommon()
    {
        var (bitmap, nulls) = Validity.Detach();
        var length = Length;
        Length = 0;
        return (bitmap, nulls, length);
    }

    /// <summary>Fills a child builder under <paramref name="count"/> null parent slots.</summary>
    private protected static void AppendChildPlaceholders(ArrowArrayBuilder child, int count)
    {
        if (child.Type.TypeId is ArrowTypeId.Null or ArrowTypeId.Dictionary)
        {
            // Neither has a "valid empty" value that is guaranteed to exist.
            child.AppendNulls(count);
        }
        else
        {
            child.AppendEmptyValues(count);
        }
    }
}
