using System.Net;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>Chroma refused a request body (400, 422 or 413): some record in it is at fault, or the body is too large.</summary>
internal sealed class ChromaRequestException : ConnectorException
{
    public ChromaRequestException(string message, HttpStatusCode statusCode, string serverMessage)
        : base(message)
    {
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's own message, without Ferry's prefix (what a record failure reports).</summary>
    public string ServerMessage { get; }

    public bool IsTooLarge => StatusCode == HttpStatusCode.RequestEntityTooLarge;
}
