using Ferry.Frame.Manifests;

namespace Ferry.Frame.Versioning;

/// <summary>
/// One kind of commit (format.md, sections 5 and 6). <see cref="PrepareAsync"/> runs once and writes the data files;
/// <see cref="Apply"/> runs once per attempt on top of the then-latest version and returns the next manifest, writing
/// deletion files as needed (recorded in the context so a lost attempt's files are removed).
/// </summary>
internal abstract class CommitOperation
{
    public abstract string Type { get; }

    public virtual ValueTask PrepareAsync(CommitContext context, Manifest readVersion, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Builds the next manifest from <paramref name="next"/> (a copy of the base with version + 1).</summary>
    public abstract void Apply(CommitContext context, Manifest baseVersion, Manifest next);
}
