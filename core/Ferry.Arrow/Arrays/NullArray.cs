namespace Ferry.Arrow;

/// <summary>An array of the null type: every slot is null and there are no buffers.</summary>
public sealed class NullArray : ArrowArray
{
    /// <summary>Creates an array of <paramref name="length"/> nulls.</summary>
    public NullArray(int length)
        : base(ArrowType.Null, length, default, length)
    {
    }

    private protected override ArrowArray SliceCore(int offset, int length) => new NullArray(length);

    /// <inheritdoc/>
    public override bool IsNull(int index)
    {
        CheckIndex(index);
        return true;
    }
}
