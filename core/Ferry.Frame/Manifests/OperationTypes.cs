namespace Ferry.Frame.Manifests;

/// <summary>The operation types a manifest records.</summary>
internal static class OperationTypes
{
    public const string Create = "create";
    public const string Append = "append";
    public const string Upsert = "upsert";
    public const string Delete = "delete";
    public const string Overwrite = "overwrite";
    public const string Rollback = "rollback";
    public const string Compact = "compact";
}
