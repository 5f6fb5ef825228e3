namespace Ferry.Sdk.Filtering;

/// <summary>A comparison operator of the filter language.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>!=</c> (also written <c>&lt;&gt;</c>)</summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
}
