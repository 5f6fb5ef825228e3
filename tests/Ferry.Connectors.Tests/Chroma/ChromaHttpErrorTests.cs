using System.Net;
using Ferry.Plugins.Chroma.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>
/// How HTTP answers map to the SDK's errors. The real server cannot be made to answer 429 or 503 on demand, so these
/// use a canned handler; connection failures and timeouts are tested against the real server (ChromaOutageTests).
/// </summary>
public sealed class ChromaHttpErrorTests
{
    [Fact]
    public async Task Send_429WithRetryAfter_IsTransientWithTheServersDelay()
    {
        using var client = Client(_ => Answer(HttpStatusCode.TooManyRequests, "{\"error\":\"RateLimit\",\"message\":\"slow down\"}", retryAfter: TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<TransientConnectorException>(() => client.CountAsync("c", CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Send_UnavailableStatus_IsTransient(HttpStatusCode status)
    {
        using var client = Client(_ => Answer(status, string.Empty));
        await Assert.ThrowsAsync<TransientConnectorException>(() => client.CountAsync("c", CancellationToken.None));
    }

    [Fact]
    public async Task Send_Unauthorized_IsAConfigurationErrorNamingTheSecret()
    {
        using var client = Client(_ => Answer(HttpStatusCode.Unauthorized, "{\"error\":\"AuthError\",\"message\":\"no\"}"));
        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() => client.CountAsync("c", CancellationToken.None));
        Assert.Contains("CHROMA_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ServerError_IsPermanent()
    {
        using var client = Client(_ => Answer(HttpStatusCode.InternalServerError, "{\"error\":\"Internal\",\"message\":\"boom\"}"));
        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.CountAsync("c", CancellationToken.None));
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("x-chroma-token", "x-chroma-token", "s3cret")]
    [InlineData("authorization", "Authorization", "Bearer s3cret")]
    public async Task Send_WithToken_SendsItInTheChosenHeader(string option, string header, string expected)
    {
        string? seen = null;
        using var client = Client(
            request =>
            {
                seen = request.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : null;
                return Answer(HttpStatusCode.OK, "42");
            },
            ("auth_header", option));

        Assert.Equal(42, await client.CountAsync("c", CancellationToken.None));
        Assert.Equal(expected, seen);
    }

    private static ChromaClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer, params (string Key, string Value)[] options)
    {
        var context = new ConnectorContext("chroma://127.0.0.1:9/docs", new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))))
        {
            GetSecret = name => name == "CHROMA_TOKEN" ? "s3cret" : null,
        };
        return new ChromaClient(ChromaSettings.Parse(context), TimeProvider.System, new CannedHandler(answer));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    }

    private sealed class CannedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
