using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a PostgreSQL server that speaks the frontend/backend protocol faithfully
/// except for one thing: it answers every simple-query <c>COPY</c> with an ErrorResponse (SQLSTATE 0A000,
/// feature_not_supported) instead of passing it on, as some poolers and embedded servers do. Everything else
/// is forwarded byte for byte in both directions.
/// </summary>
public sealed class CopyRefusingProxy : IAsyncDisposable
{
    private const int SslRequestCode = 80877103;
    private const int GssRequestCode = 80877104;

    private readonly TcpListener _listener;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _refused;

    public CopyRefusingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many COPY statements were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var clientStream = client.GetStream();
                var serverStream = upstream.GetStream();
                var toClient = new SemaphoreSlim(1, 1);
                var down = PumpAsync(serverStream, clientStream, toClient);
                var up = ClientToServerAsync(clientStream, serverStream, toClient);
                await Task.WhenAny(down, up);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A connection closed by either side.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, SemaphoreSlim gate)
    {
        var buffer = new byte[65536];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            await gate.WaitAsync(_stop.Token);
            try
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task ClientToServerAsync(Stream client, Stream server, SemaphoreSlim toClient)
    {
        // Untyped start-up messages (SSL/GSS requests, then the startup packet) come first.
        while (true)
        {
            var head = await ReadExactlyAsync(client, 8);
            var length = BinaryPrimitives.ReadInt32BigEndian(head);
            var code = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(4));
            var body = await ReadExactlyAsync(client, length - 8);
            await server.WriteAsync(head, _stop.Token);
            await server.WriteAsync(body, _stop.Token);
            if (code is not (SslRequestCode or GssRequestCode))
            {
                break;
            }
        }

        while (true)
        {
            var head = await ReadExactlyAsync(client, 5);
            var body = await ReadExactlyAsync(client, BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(1)) - 4);
            if (head[0] == (byte)'Q' && Encoding.UTF8.GetString(body).TrimStart().StartsWith("COPY", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _refused);
                await toClient.WaitAsync(_stop.Token);
                try
                {
                    await client.WriteAsync(Refusal(), _stop.Token);
                }
                finally
                {
                    toClient.Release();
                }

                continue;
            }

            await server.WriteAsync(head, _stop.Token);
            await server.WriteAsync(body, _stop.Token);
        }
    }

    private static byte[] Refusal()
    {
        var fields = new MemoryStream();
        foreach (var (code, text) in new[] { ('S', "ERROR"), ('V', "ERROR"), ('C', "0A000"), ('M', "COPY is not supported by this proxy") })
        {
            fields.WriteByte((byte)code);
            fields.Write(Encoding.UTF8.GetBytes(text));
            fields.WriteByte(0);
        }

        fields.WriteByte(0);
        var message = new MemoryStream();
        message.WriteByte((byte)'E');
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, (int)fields.Length + 4);
        message.Write(length);
        fields.WriteTo(message);

        // ReadyForQuery: in a failed transaction block (the COPY ran inside the batch's transaction).
        message.Write([(byte)'Z', 0, 0, 0, 5, (byte)'E']);
        return message.ToArray();
    }

    private async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, _stop.Token);
        return buffer;
    }
}
