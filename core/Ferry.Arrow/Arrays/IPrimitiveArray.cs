namespace Ferry.Arrow;

/// <summary>Non-generic access to a <see cref="PrimitiveArray{T}"/>'s values buffer.</summary>
internal interface IPrimitiveArray
{
    ReadOnlyMemory<byte> ValuesBuffer { get; }
}
