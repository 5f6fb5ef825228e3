using Ferry.Frame.Manifests;

namespace Ferry.Frame.Versioning;

/// <summary>Deletes the rows of the given ids (ids that do not exist are ignored); re-resolved on every attempt.</summary>
internal sealed class DeleteIdsOperation(IReadOnlyList<string> ids) : CommitOperation
{
    public override string Type => OperationTypes.Delete;

    public override void Apply(CommitContext context, Manifest baseVersion, Manifest next) =>
        CommitSteps.DeleteRows(context, next, CommitSteps.LocateIds(context, baseVersion, ids));
}
