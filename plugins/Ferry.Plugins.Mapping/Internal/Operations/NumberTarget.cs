namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>The kind parse_number produces (option <c>as</c>).</summary>
internal enum NumberTarget
{
    /// <summary>Integer for integer syntax, Float for a fraction or exponent.</summary>
    Auto = 0,

    /// <summary>Always Integer (64-bit); a fraction or exponent fails.</summary>
    Integer,

    /// <summary>Always Float (64-bit IEEE); an integer the double cannot hold exactly fails.</summary>
    Float,

    /// <summary>Always Decimal (exact, up to 28 significant digits).</summary>
    Decimal,
}
