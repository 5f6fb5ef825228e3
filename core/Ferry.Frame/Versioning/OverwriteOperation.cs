using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Versioning;

/// <summary>Replaces the whole content with the given records (possibly none) and, optionally, a new schema.</summary>
internal sealed class OverwriteOperation(IReadOnlyList<Record> records, DatasetSchema? schema) : CommitOperation
{
    private List<PreparedFragment> _fragments = [];
    private SchemaEntry? _schema;

    public override string Type => OperationTypes.Overwrite;

    public override ValueTask PrepareAsync(CommitContext context, Manifest readVersion, CancellationToken cancellationToken)
    {
        _schema = schema is null ? KeepDeclarations(readVersion.Schema) : SchemaEntry.FromDatasetSchema(schema);
        var last = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var record in records)
        {
            if (!last.Add(record.Id))
            {
                duplicates.Add(record.Id);
            }
        }

        if (duplicates.Count > 0)
        {
            throw new FrameDuplicateIdException(duplicates);
        }

        _fragments = CommitSteps.WriteRecords(context, records, _schema, cancellationToken);
        return ValueTask.CompletedTask;
    }

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next)
    {
        context.RowsDeleted = baseVersion.Rows;
        next.Fragments = [];
        next.Indices = [];
        next.Rows = 0;
        next.Schema = _schema!.Clone();
        CommitSteps.AddFragments(context, next, _fragments);
    }

    /// <summary>The declared parts of a schema (vectors, sparse names, properties) without the observed metadata keys.</summary>
    private static SchemaEntry KeepDeclarations(SchemaEntry schema)
    {
        var kept = schema.Clone();
        kept.Metadata = [];
        kept.HasText = false;
        kept.HasTitle = false;
        return kept;
    }
}
