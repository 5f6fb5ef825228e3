namespace Ferry.Core.Validation;

/// <summary>The outcome of a validation: every check that ran.</summary>
/// <param name="Level">The level asked for.</param>
/// <param name="Checks">The checks, in the order they ran.</param>
/// <param name="Duration">The total time.</param>
public sealed record ValidationReport(ValidationLevel Level, IReadOnlyList<ValidationCheck> Checks, TimeSpan Duration)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed
    {
        get
        {
            foreach (var check in Checks)
            {
                if (!check.Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
