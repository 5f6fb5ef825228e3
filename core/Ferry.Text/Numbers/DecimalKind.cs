namespace Ferry.Text.Numbers;

/// <summary>What <see cref="DecimalScanner"/> found at the start of its input.</summary>
internal enum DecimalKind : byte
{
    /// <summary>No number: the input does not start with a number or a special literal.</summary>
    None,

    /// <summary>A finite decimal number held in <see cref="ParsedDecimal.Mantissa"/> × 10^<see cref="ParsedDecimal.Exponent"/>.</summary>
    Finite,

    /// <summary>An infinity literal (<c>inf</c> or <c>infinity</c>, any case, optional sign).</summary>
    Infinity,

    /// <summary>A not-a-number literal (<c>nan</c>, any case, optional sign).</summary>
    NaN,
}
