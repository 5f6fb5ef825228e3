using Ferry.Frame.Fragments;
using Ferry.Frame.Indexing;
using Ferry.Frame.Manifests;

namespace Ferry.Frame.Versioning;

/// <summary>What a commit in progress has written and counted.</summary>
internal sealed class CommitContext
{
    private readonly List<string> _preparedFiles = [];
    private readonly List<string> _attemptFiles = [];

    public CommitContext(FrameDataset dataset)
    {
        Dataset = dataset;
    }

    public FrameDataset Dataset { get; }

    public FragmentStore Store => Dataset.Store;

    public long RowsAdded { get; set; }

    public long RowsDeleted { get; set; }

    public long? RollbackTo { get; set; }

    /// <summary>Ids of the fragments this commit adds, by the fragment id given in the current attempt (saves reading them back).</summary>
    public Dictionary<long, string[]> NewFragmentIds { get; } = [];

    public void AddPreparedFile(string relativePath) => _preparedFiles.Add(relativePath);

    public void AddAttemptFile(string relativePath) => _attemptFiles.Add(relativePath);

    /// <summary>The id index at <paramref name="manifest"/>; use under <see cref="FrameDataset.IndexLock"/>.</summary>
    public IdIndex IndexAt(Manifest manifest) => Dataset.IndexAt(manifest);

    public void StartAttempt()
    {
        _attemptFiles.Clear();
        NewFragmentIds.Clear();
        RowsAdded = 0;
        RowsDeleted = 0;
    }

    /// <summary>The attempt lost the race: its deletion files are garbage.</summary>
    public void DiscardAttempt()
    {
        foreach (var file in _attemptFiles)
        {
            Store.DeleteQuietly(file);
        }

        _attemptFiles.Clear();
    }

    /// <summary>The commit failed: nothing it wrote is referenced.</summary>
    public void DiscardAll()
    {
        DiscardAttempt();
        foreach (var file in _preparedFiles)
        {
            Store.DeleteQuietly(file);
        }

        _preparedFiles.Clear();
    }
}
