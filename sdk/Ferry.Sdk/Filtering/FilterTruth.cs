namespace Ferry.Sdk.Filtering;

/// <summary>SQL's three truth values. A row matches only when its filter is <see cref="True"/>.</summary>
internal enum FilterTruth : byte
{
    False = 0,
    True = 1,
    Unknown = 2,
}
