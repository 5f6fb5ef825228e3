namespace Ferry.Plugins.Chroma.Internal;

/// <summary>What the sink does with a metadata value Chroma cannot hold (option <c>rich_types</c>).</summary>
internal enum RichTypeMode
{
    /// <summary>Store it as a string under the same key and record its kind under <c>_ferry_types</c>; the source decodes it.</summary>
    Encode,

    /// <summary>Refuse the record (a <c>RecordFailure</c> naming the key and kind).</summary>
    Error,
}
