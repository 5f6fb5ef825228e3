namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>How the source types a DynamoDB number that is not a 64-bit integer (option <c>numbers</c>).</summary>
internal enum NumberMode
{
    /// <summary>A float when the number is exactly a double's shortest decimal (what floats look like), else a decimal when one holds it exactly.</summary>
    Auto,

    /// <summary>A decimal whenever one holds the number exactly (DynamoDB numbers are decimal), else a float when that is exact.</summary>
    Decimal,
}
