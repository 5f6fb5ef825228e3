namespace Ferry.Sdk.Filtering;

/// <summary>
/// A node of a parsed filter (Ferry's SQL-like filter language, shared by search, delete, export and
/// migration filters). Sources that can evaluate a filter natively translate this tree; the pipeline
/// evaluates it otherwise. <see cref="object.ToString"/> renders the filter back to its text form.
/// </summary>
public abstract record FilterExpression;
