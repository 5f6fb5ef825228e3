namespace Ferry.Plugins.Mapping.Internal;

/// <summary>A parsed, validated mapping (docs/mapping.md). Applied in a fixed order: rename, transforms, include/exclude, defaults.</summary>
internal sealed class MappingSpec
{
    /// <summary>The spec's name in messages: its file path, or "inline mapping spec".</summary>
    public required string Name { get; init; }

    public IReadOnlyList<RenameRule> Renames { get; init; } = [];

    public IReadOnlyList<TransformRule> Transforms { get; init; } = [];

    /// <summary>Metadata keys to keep (all when empty).</summary>
    public IReadOnlyList<KeyPattern> Include { get; init; } = [];

    /// <summary>Metadata keys to drop (wins over <see cref="Include"/>).</summary>
    public IReadOnlyList<KeyPattern> Exclude { get; init; } = [];

    public IReadOnlyList<DefaultRule> Defaults { get; init; } = [];

    /// <summary>Whether a metadata key survives include/exclude.</summary>
    public bool Keeps(string key)
    {
        if (Include.Count > 0)
        {
            var included = false;
            foreach (var pattern in Include)
            {
                if (pattern.IsMatch(key))
                {
                    included = true;
                    break;
                }
            }

            if (!included)
            {
                return false;
            }
        }

        foreach (var pattern in Exclude)
        {
            if (pattern.IsMatch(key))
            {
                return false;
            }
        }

        return true;
    }
}
