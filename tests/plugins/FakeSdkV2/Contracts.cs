#pragma warning disable CA1711, CA1716
namespace Ferry.Sdk.Connectors;

public abstract class SourceFactory
{
    public abstract object Create(string location);
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class SourceExportAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public string[] Schemes { get; set; } = [];
}
