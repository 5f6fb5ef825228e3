namespace Ferry.Connectors.Tests.Servers;

/// <summary>Common readiness probes for <see cref="NodeServerOptions.ReadinessProbe"/>.</summary>
public static class ReadinessProbes
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Ready when GET http://127.0.0.1:PORT/PATH answers with a success status.</summary>
    public static Func<int, CancellationToken, Task<bool>> HttpGet(string path) =>
        async (port, cancellationToken) =>
        {
            using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/{path.TrimStart('/')}"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        };

    /// <summary>Ready when the port accepts connections and an HTTP request gets any answer (even an error status).</summary>
    public static Func<int, CancellationToken, Task<bool>> HttpAnswers(string path) =>
        async (port, cancellationToken) =>
        {
            using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/{path.TrimStart('/')}"), cancellationToken).ConfigureAwait(false);
            return true;
        };
}
