namespace Ferry.Text.Json;

/// <summary>How a JSON writer spells NaN and the infinities, which standard JSON cannot represent.</summary>
public enum NonFiniteNumberHandling
{
    /// <summary>Refuse: throw <see cref="ArgumentException"/> naming the index of the value.</summary>
    Throw,

    /// <summary>Bare <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, as Python's <c>json</c> module writes and reads them.</summary>
    Literal,

    /// <summary>Quoted <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, as System.Text.Json's named floating-point literals.</summary>
    QuotedLiteral,

    /// <summary><c>null</c>, as JavaScript's <c>JSON.stringify</c> does (the value cannot be restored).</summary>
    Null,
}
