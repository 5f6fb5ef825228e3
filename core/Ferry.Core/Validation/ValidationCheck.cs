namespace Ferry.Core.Validation;

/// <summary>The outcome of one check (count, sample, full or search).</summary>
public sealed record ValidationCheck
{
    /// <summary>The check's name: <c>count</c>, <c>sample</c>, <c>full</c> or <c>search</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Whether it passed. A check that could not run (e.g. the target cannot count) passes with <see cref="Inconclusive"/> set.</summary>
    public required bool Passed { get; init; }

    /// <summary>True when the check could not be carried out; <see cref="Summary"/> says why.</summary>
    public bool Inconclusive { get; init; }

    /// <summary>One line for people.</summary>
    public required string Summary { get; init; }

    /// <summary>Records (or queries) compared.</summary>
    public long Compared { get; init; }

    /// <summary>Records missing in the target.</summary>
    public long Missing { get; init; }

    /// <summary>Records present but different.</summary>
    public long Different { get; init; }

    /// <summary>The first mismatches, with field-level differences where known.</summary>
    public IReadOnlyList<RecordMismatch> Mismatches { get; init; } = [];

    /// <summary>Extra facts (e.g. expected and actual counts, mean overlap).</summary>
    public IReadOnlyDictionary<string, double> Measures { get; init; } = new Dictionary<string, double>();

    /// <summary>How long the check took.</summary>
    public TimeSpan Duration { get; init; }
}
