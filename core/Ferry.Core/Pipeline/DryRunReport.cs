namespace Ferry.Core.Pipeline;

/// <summary>What a dry run would have written.</summary>
/// <param name="Schema">The schema of the records that would be written.</param>
/// <param name="Examples">The first records that would be written, in Ferry's JSON record shape.</param>
public sealed record DryRunReport(ObservedSchema Schema, IReadOnlyList<string> Examples);
