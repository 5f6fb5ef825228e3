namespace Ferry.Core.Validation;

/// <summary>A record whose target copy is missing or differs.</summary>
/// <param name="Id">The record's id (in the target's id form).</param>
/// <param name="Missing">True when the target has no record with this id.</param>
/// <param name="Differences">The differing fields (empty when missing, or when only checksums were compared).</param>
public sealed record RecordMismatch(string Id, bool Missing, IReadOnlyList<FieldDifference> Differences)
{
    /// <inheritdoc />
    public override string ToString() => Missing
        ? $"'{Id}': missing in target"
        : Differences.Count == 0
            ? $"'{Id}': content checksum differs"
            : $"'{Id}': {string.Join("; ", Differences)}";
}
