namespace Ferry.Sdk.Records;

/// <summary>The two forms of <see cref="MetadataJson"/>: they differ in how floats are written and how strictly text is read.</summary>
public enum MetadataJsonDialect
{
    /// <summary>
    /// Plain JSON wherever it is unambiguous: a float is a JSON number that always shows a fraction or an exponent
    /// (<c>1.0</c>), and only a float decimal text cannot carry is tagged (<c>{"$f": "0x7FF8000000000001"}</c>).
    /// Reading is lenient, for JSON other tools wrote: a number without fraction or exponent is an integer (a decimal
    /// beyond 64 bits), any other number a float; a tag is recognised only as the first and only member of an object
    /// with a string value, and any other <c>$</c> key is an ordinary key. The JSON value encoding of Ferry's file
    /// formats (docs/formats.md).
    /// </summary>
    Plain = 0,

    /// <summary>
    /// Every value's kind is explicit: floats are tagged too (<c>{"$f": 1.5}</c>; -0.0, NaN and the infinities as
    /// their bits, <c>{"$f": "0x8000000000000000"}</c>), so a JSON number is always a 64-bit integer. Reading is
    /// strict: any other number, an unknown tag or a tag beside other members is an error. The <c>tagged-json</c>
    /// metadata columns of Frame datasets (docs/format.md, section 2.2).
    /// </summary>
    Tagged = 1,
}
