namespace Ferry.Core.Catalog;

/// <summary>No connector (or more than one) matches a location, or a registration collides with an existing one.</summary>
public sealed class ConnectorResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorResolutionException(string message)
        : base(message)
    {
    }
}
