namespace Ferry.Frame.Search.TopK;

/// <summary>Which end of the score range is best.</summary>
public enum ScoreOrder
{
    /// <summary>Similarities (cosine, dot): the highest scores are kept.</summary>
    HigherIsBetter,

    /// <summary>Distances (L2, squared L2): the lowest scores are kept.</summary>
    LowerIsBetter,
}
