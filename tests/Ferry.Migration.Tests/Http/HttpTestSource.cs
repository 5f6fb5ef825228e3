using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Migration.Tests.Http;

/// <summary>
/// A test-only source connector over <see cref="FaultyHttpServer"/> (location <c>faulty://127.0.0.1:PORT</c>), written
/// as a real HTTP connector should be: 429 becomes a <see cref="TransientConnectorException"/> with the server's
/// Retry-After, 5xx and dropped connections surface as <see cref="HttpRequestException"/> (transient), other 4xx as a
/// permanent <see cref="ConnectorException"/>, and a malformed record as a <see cref="RecordFailure"/>.
/// </summary>
[SourceExport("faulty", Schemes = ["faulty"])]
public sealed class HttpTestSourceFactory : SourceFactory
{
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.Uri ?? throw new ConnectorConfigurationException("faulty://host:port");
        return new HttpTestSource(new Uri($"http://{uri.Authority}/"));
    }

    private sealed class HttpTestSource : SourceConnector
    {
        private readonly HttpClient _client;

        public HttpTestSource(Uri baseAddress)
        {
            // No connection reuse: a dropped connection must not poison the next request.
            _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        }

        public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Cosine)] });

        public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            int? offset = request.ResumeToken is null ? 0 : int.Parse(request.ResumeToken, CultureInfo.InvariantCulture);
            while (offset is { } current)
            {
                using var response = await _client.GetAsync($"records?offset={current}&limit={request.BatchSize}", cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var after = response.Headers.RetryAfter?.Delta;
                    throw new TransientConnectorException($"HTTP 429 at offset {current}", after);
                }

                if ((int)response.StatusCode >= 400 && (int)response.StatusCode < 500)
                {
                    throw new ConnectorException($"HTTP {(int)response.StatusCode} at offset {current}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                response.EnsureSuccessStatusCode();
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var records = new List<Record>();
                var failures = new List<RecordFailure>();
                foreach (var item in page.RootElement.GetProperty("records").EnumerateArray())
                {
                    var id = item.GetProperty("id").GetString()!;
                    if (item.GetProperty("vector").ValueKind != JsonValueKind.Array)
                    {
                        failures.Add(new RecordFailure(id, $"record '{id}': 'vector' is not an array") { Field = "vector", Raw = item.GetRawText() });
                        continue;
                    }

                    var record = new Record(id) { Text = item.GetProperty("text").GetString() };
                    record.Vector = item.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                    var metadata = item.GetProperty("metadata");
                    record.Metadata["n"] = metadata.GetProperty("n").GetInt64();
                    record.Metadata["half"] = metadata.GetProperty("half").GetDouble();
                    records.Add(record);
                }

                var next = page.RootElement.GetProperty("next");
                offset = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32();
                yield return new RecordBatch(records, (offset ?? int.MaxValue).ToString(CultureInfo.InvariantCulture), request.Partition, failures);
            }
        }

        public override ValueTask DisposeAsync()
        {
            _client.Dispose();
            return base.DisposeAsync();
        }
    }
}
