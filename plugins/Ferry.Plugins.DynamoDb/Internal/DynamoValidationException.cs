using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>DynamoDB refused a request as invalid (ValidationException): an item in it is at fault.</summary>
internal sealed class DynamoValidationException : ConnectorException
{
    public DynamoValidationException(string message, string serverMessage, Exception innerException)
        : base(message, innerException)
    {
        ServerMessage = serverMessage;
    }

    /// <summary>DynamoDB's own message, for the record failure.</summary>
    public string ServerMessage { get; }
}
