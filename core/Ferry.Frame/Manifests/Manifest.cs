namespace Ferry.Frame.Manifests;

/// <summary>One version of a dataset as stored in <c>_versions/N.manifest.json</c> (format.md, section 3). Treated as immutable once published.</summary>
internal sealed class Manifest
{
    public const string FormatName = "ferry-frame";
    public const int CurrentFormatVersion = 1;

    public string Format { get; set; } = FormatName;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    public List<string> ReaderFeatures { get; set; } = [];

    public List<string> WriterFeatures { get; set; } = [];

    public long Version { get; set; }

    public long ParentVersion { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public OperationEntry Operation { get; set; } = new();

    public SchemaEntry Schema { get; set; } = new();

    public long NextFragmentId { get; set; }

    public long Rows { get; set; }

    public List<FragmentEntry> Fragments { get; set; } = [];

    public List<IndexEntry> Indices { get; set; } = [];

    /// <summary>A copy that a commit edits into the next version (entries are immutable and shared).</summary>
    public Manifest CloneForNext()
    {
        return new Manifest
        {
            Format = FormatName,
            FormatVersion = CurrentFormatVersion,
            ReaderFeatures = [.. ReaderFeatures],
            WriterFeatures = [.. WriterFeatures],
            Version = Version + 1,
            ParentVersion = Version,
            Schema = Schema.Clone(),
            NextFragmentId = NextFragmentId,
            Rows = Rows,
            Fragments = [.. Fragments],
            Indices = [.. Indices],
        };
    }
}
