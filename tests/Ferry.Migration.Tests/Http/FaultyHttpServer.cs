using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Ferry.Migration.Tests.Http;

/// <summary>
/// A record server on 127.0.0.1 that misbehaves on purpose, seeded so every run misbehaves the same way: it answers
/// 429 with a Retry-After, 503, or drops the connection without an answer, at random; records listed in
/// <see cref="BadRecords"/> come back malformed; offsets in <see cref="RefusedOffsets"/> always get 400.
/// GET /records?offset=N&amp;limit=M returns {"records":[…],"next":N+M or null}.
/// </summary>
internal sealed class FaultyHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Random _random;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private int _retryAfterOnes;

    public FaultyHttpServer(int records, int seed, double tooManyRequests = 0.1, double unavailable = 0.1, double dropped = 0.08)
    {
        Records = records;
        TooManyRequests = tooManyRequests;
        Unavailable = unavailable;
        Dropped = dropped;
        _random = new Random(seed);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public int Records { get; }

    public double TooManyRequests { get; set; }

    public double Unavailable { get; set; }

    public double Dropped { get; set; }

    /// <summary>Always answer 503 (an outage).</summary>
    public bool Down { get; set; }

    public HashSet<int> BadRecords { get; } = [];

    public HashSet<int> RefusedOffsets { get; } = [];

    public int Requests;
    public int Faults;

    /// <summary>The record at an index, as the server sends it.</summary>
    public static string RecordJson(int i) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"id\":\"rec-{i:D5}\",\"text\":\"record number {i}\",\"metadata\":{{\"n\":{i},\"half\":{i / 2.0:0.0###}}},\"vector\":[{i % 7}.25,{-(i % 5)}.5,{(i * 37) % 101}]}}");

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (HttpListenerException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        var query = context.Request.QueryString;
        var offset = int.Parse(query["offset"] ?? "0", CultureInfo.InvariantCulture);
        var limit = int.Parse(query["limit"] ?? "100", CultureInfo.InvariantCulture);
        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }

        if (RefusedOffsets.Contains(offset))
        {
            Answer(context, 400, "{\"error\":\"this page is refused for good\"}");
            return;
        }

        if (Down || roll < Unavailable)
        {
            Interlocked.Increment(ref Faults);
            Answer(context, 503, "{\"error\":\"unavailable\"}");
            return;
        }

        if (roll < Unavailable + TooManyRequests)
        {
            Interlocked.Increment(ref Faults);
            // Mostly "retry now"; twice "retry in 1 s", which the client must honour.
            var seconds = Interlocked.Increment(ref _retryAfterOnes) <= 2 ? "1" : "0";
            context.Response.Headers["Retry-After"] = seconds;
            Answer(context, 429, "{\"error\":\"slow down\"}");
            return;
        }

        var dropped = roll < Unavailable + TooManyRequests + Dropped;

        var body = new StringBuilder("{\"records\":[");
        var end = Math.Min(Records, offset + limit);
        for (var i = offset; i < end; i++)
        {
            if (i > offset)
            {
                body.Append(',');
            }

            body.Append(BadRecords.Contains(i) ? string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"rec-{i:D5}\",\"vector\":\"not a vector\"}}") : RecordJson(i));
        }

        body.Append("],\"next\":").Append(end < Records ? end.ToString(CultureInfo.InvariantCulture) : "null").Append('}');
        if (dropped)
        {
            // The connection breaks halfway through the answer.
            Interlocked.Increment(ref Faults);
            var bytes = Encoding.UTF8.GetBytes(body.ToString());
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length / 2);
            context.Response.OutputStream.Flush();
            context.Response.Abort();
            return;
        }

        Answer(context, 200, body.ToString());
    }

    private static void Answer(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way too.
        }

        _stop.Dispose();
    }

    /// <summary>The JSON element of a record as served (for comparisons).</summary>
    public static JsonElement Parse(int i) => JsonDocument.Parse(RecordJson(i)).RootElement.Clone();
}
