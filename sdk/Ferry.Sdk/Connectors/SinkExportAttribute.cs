namespace Ferry.Sdk.Connectors;

/// <summary>Marks a <see cref="SinkFactory"/> for export from a plugin.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SinkExportAttribute : ConnectorExportAttribute
{
    /// <summary>Creates the attribute with the connector's unique name.</summary>
    public SinkExportAttribute(string name)
        : base(name)
    {
    }
}
