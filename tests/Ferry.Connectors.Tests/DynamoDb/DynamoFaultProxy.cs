using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ferry.Connectors.Tests.Servers;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>
/// A fault-injecting HTTP proxy in front of dynalite on 127.0.0.1 (dynalite never throttles and never leaves items
/// unprocessed): it can hand back part of a BatchWriteItem as UnprocessedItems, or answer throttling errors, exactly
/// in DynamoDB's wire format, and forwards everything else unchanged. dynalite does not check signatures, so a
/// rewritten body is accepted.
/// </summary>
public sealed class DynamoFaultProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _unprocessedRounds;
    private int _throttles;

    public DynamoFaultProxy(Uri upstream)
    {
        _upstream = new HttpClient { BaseAddress = upstream };
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>How many BatchWriteItem calls reached the proxy.</summary>
    public int BatchWrites { get; private set; }

    /// <summary>The next <paramref name="rounds"/> BatchWriteItem calls process only their first half.</summary>
    public void LeaveHalfUnprocessed(int rounds) => _unprocessedRounds = rounds;

    /// <summary>The next <paramref name="count"/> calls of any kind answer ProvisionedThroughputExceededException.</summary>
    public void Throttle(int count) => _throttles = count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping.
        }

        _listener.Close();
        _upstream.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = context.Request.Headers["X-Amz-Target"] ?? string.Empty;
        if (_throttles > 0)
        {
            _throttles--;
            await WriteAsync(context, HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}""");
            return;
        }

        JsonObject? heldBack = null;
        if (target.EndsWith(".BatchWriteItem", StringComparison.Ordinal))
        {
            BatchWrites++;
            if (_unprocessedRounds > 0)
            {
                _unprocessedRounds--;
                var request = JsonNode.Parse(body)!.AsObject();
                heldBack = new JsonObject();
                foreach (var (table, writes) in request["RequestItems"]!.AsObject().ToList())
                {
                    var list = writes!.AsArray();
                    var keep = (list.Count + 1) / 2;
                    var rest = new JsonArray();
                    while (list.Count > keep)
                    {
                        var last = list[^1]!;
                        list.RemoveAt(list.Count - 1);
                        rest.Insert(0, last);
                    }

                    if (rest.Count > 0)
                    {
                        heldBack[table] = rest;
                    }
                }

                body = request.ToJsonString();
            }
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl) { Content = new StringContent(body, Encoding.UTF8) };
        forward.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(context.Request.ContentType ?? "application/x-amz-json-1.0");
        foreach (var name in context.Request.Headers.AllKeys)
        {
            if (name is not null && name.StartsWith("X-Amz", StringComparison.OrdinalIgnoreCase) || name == "Authorization")
            {
                forward.Headers.TryAddWithoutValidation(name!, context.Request.Headers[name!]);
            }
        }

        using var answer = await _upstream.SendAsync(forward);
        var text = await answer.Content.ReadAsStringAsync();
        if (heldBack is not null && answer.IsSuccessStatusCode)
        {
            var response = JsonNode.Parse(text)!.AsObject();
            var unprocessed = response["UnprocessedItems"] as JsonObject ?? [];
            foreach (var (table, writes) in heldBack)
            {
                unprocessed[table] = writes!.DeepClone();
            }

            response["UnprocessedItems"] = unprocessed;
            text = response.ToJsonString();
        }

        await WriteAsync(context, answer.StatusCode, text);
    }

    private static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }
}
