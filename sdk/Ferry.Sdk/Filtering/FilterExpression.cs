namespace Ferry.Sdk.Filtering;

/// <summary>
/// A node of a parsed filter (Ferry's SQL-like filter language, shared by search, delete, export and
/// migration filters). Sources that can evaluate a filter natively translate this tree; the pipeline
/// evaluates it otherwise. <see cref="object.ToString"/> renders the filter back to its text form.
/// </summary>
public abstract record FilterExpression
{
    /// <summary>
    /// The canonical filter text of this node (see <see cref="FilterFormatter.Format"/>), which
    /// <see cref="FilterParser.Parse"/> reads back to an equal tree.
    /// </summary>
    public sealed override string ToString() => FilterFormatter.FormatForDisplay(this);
}
