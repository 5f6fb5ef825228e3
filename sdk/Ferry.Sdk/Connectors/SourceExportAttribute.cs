namespace Ferry.Sdk.Connectors;

/// <summary>Marks a <see cref="SourceFactory"/> for export from a plugin.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SourceExportAttribute : ConnectorExportAttribute
{
    /// <summary>Creates the attribute with the connector's unique name.</summary>
    public SourceExportAttribute(string name)
        : base(name)
    {
    }
}
