namespace Ferry.Sdk.Connectors;

/// <summary>Marks a <see cref="TransformerFactory"/> for export from a plugin.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TransformerExportAttribute : ConnectorExportAttribute
{
    /// <summary>Creates the attribute with the connector's unique name.</summary>
    public TransformerExportAttribute(string name)
        : base(name)
    {
    }
}
