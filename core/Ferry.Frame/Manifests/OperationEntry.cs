namespace Ferry.Frame.Manifests;

/// <summary>What the commit that made a version did.</summary>
internal sealed class OperationEntry
{
    public string Type { get; set; } = OperationTypes.Create;

    public long ReadVersion { get; set; }

    public long RowsAdded { get; set; }

    public long RowsDeleted { get; set; }

    public long? RollbackTo { get; set; }
}
