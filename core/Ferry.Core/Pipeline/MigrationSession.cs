using Ferry.Core.Catalog;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;
using Microsoft.Extensions.Logging;

namespace Ferry.Core.Pipeline;

/// <summary>
/// The connectors of one job, created from the catalogue with <c>${env:…}</c> references expanded, each with
/// its resilience pipeline, plus the parsed filter and where it runs.
/// </summary>
internal sealed class MigrationSession : IAsyncDisposable
{
    private MigrationSession(MigrationJob job, SourceConnector source, string sourceName, SinkConnector? sink, List<TransformStep> steps, ResilientCalls sourceCalls, ResilientCalls? sinkCalls, FilterExpression? filter)
    {
        Job = job;
        Source = source;
        SourceName = sourceName;
        Sink = sink;
        Steps = steps;
        SourceCalls = sourceCalls;
        SinkCalls = sinkCalls;
        Filter = filter;
        Placement = filter is null ? FilterPlacement.None : source.CanEvaluate(filter) ? FilterPlacement.Source : FilterPlacement.Pipeline;
    }

    public MigrationJob Job { get; }

    public SourceConnector Source { get; }

    public string SourceName { get; }

    public SinkConnector? Sink { get; }

    public List<TransformStep> Steps { get; }

    public ResilientCalls SourceCalls { get; }

    public ResilientCalls? SinkCalls { get; }

    public FilterExpression? Filter { get; }

    public FilterPlacement Placement { get; }

    /// <summary>The source's schema, once described.</summary>
    public DatasetSchema? SourceSchema { get; private set; }

    /// <summary>The schema after the transformers.</summary>
    public DatasetSchema? TargetSchema { get; private set; }

    public static MigrationSession Open(ConnectorCatalog catalog, MigrationJob job, EngineEnvironment environment, MigrationProgress progress, bool withSink)
    {
        ArgumentNullException.ThrowIfNull(job.Source);
        var filter = string.IsNullOrWhiteSpace(job.Filter) ? null : FilterParser.Parse(job.Filter);
        var sourceEntry = catalog.Resolve(ConnectorKind.Source, Expand(job.Source.Location, environment), job.Source.Format);
        SourceConnector? source = null;
        SinkConnector? sink = null;
        var steps = new List<TransformStep>();
        try
        {
            source = ((SourceFactory)sourceEntry.Factory).Create(Context(job.Source.Location, job.Source.Options, environment, "source"));
            var sourceCalls = Calls("source", job, environment, progress);
            ResilientCalls? sinkCalls = null;
            if (withSink)
            {
                ArgumentNullException.ThrowIfNull(job.Target);
                var sinkEntry = catalog.Resolve(ConnectorKind.Sink, Expand(job.Target.Location, environment), job.Target.Format);
                sink = ((SinkFactory)sinkEntry.Factory).Create(Context(job.Target.Location, job.Target.Options, environment, "target"));
                sinkCalls = Calls("target", job, environment, progress);
            }

            foreach (var spec in job.Transformers)
            {
                var transformer = catalog.GetTransformer(spec.Name).Create(Context(spec.Name, spec.Options, environment, $"transformer {spec.Name}"));
                steps.Add(new TransformStep(spec.Name, transformer, Calls($"transformer '{spec.Name}'", job, environment, progress)));
            }

            return new MigrationSession(job, source, sourceEntry.Name, sink, steps, sourceCalls, sinkCalls, filter);
        }
        catch
        {
            foreach (var step in steps)
            {
                step.Transformer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            sink?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            source?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Describes the source and runs the schema through the transformers.</summary>
    public async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var schema = await SourceCalls.ExecuteAsync(ExternalCall.Describe, ct => Source.DescribeAsync(ct), cancellationToken).ConfigureAwait(false);
        SourceSchema = schema;
        foreach (var step in Steps)
        {
            schema = step.Transformer.TransformSchema(schema);
        }

        TargetSchema = schema;
        return schema;
    }

    /// <summary>The transform chain for this session.</summary>
    public TransformChain CreateChain(bool computeChecksums) => new(
        Placement == FilterPlacement.Pipeline ? FilterEvaluator.Compile(Filter!) : null,
        Steps,
        Job.IdMode,
        SourceName,
        Job.Source!.Display)
    {
        ComputeChecksums = computeChecksums,
    };

    /// <summary>A read request for a partition.</summary>
    public ReadRequest CreateRequest(SourcePartition partition, string? resumeToken) => new()
    {
        Partition = partition,
        ResumeToken = resumeToken,
        BatchSize = Job.BatchSize,
        MaxBatchBytes = Job.MaxBatchBytes,
        Filter = Placement == FilterPlacement.Source ? Filter : null,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var step in Steps)
        {
            await step.Transformer.DisposeAsync().ConfigureAwait(false);
        }

        if (Sink is not null)
        {
            await Sink.DisposeAsync().ConfigureAwait(false);
        }

        await Source.DisposeAsync().ConfigureAwait(false);
    }

    private static string Expand(string text, EngineEnvironment environment) => EnvironmentReferences.Expand(text, environment.GetEnvironmentVariable);

    private static ConnectorContext Context(string location, IReadOnlyDictionary<string, string> options, EngineEnvironment environment, string endpoint)
    {
        var expanded = new List<KeyValuePair<string, string>>(options.Count);
        foreach (var (key, value) in options)
        {
            expanded.Add(new(key, Expand(value, environment)));
        }

        return new ConnectorContext(Expand(location, environment), new ConnectorOptions(expanded))
        {
            GetSecret = environment.GetEnvironmentVariable,
            TimeProvider = environment.TimeProvider,
            Log = new LoggerConnectorLog(environment.Logger, endpoint),
        };
    }

    private static ResilientCalls Calls(string endpoint, MigrationJob job, EngineEnvironment environment, MigrationProgress progress)
    {
        var logger = environment.Logger;
        return new ResilientCalls(endpoint, job.Resilience, environment.TimeProvider, retry =>
        {
            progress.RecordRetry(retry);
            if (logger.IsEnabled(LogLevel.Warning))
            {
#pragma warning disable CA1848 // retries are rare; a LoggerMessage delegate buys nothing here.
                logger.LogWarning("{Endpoint} {Call} failed ({Reason}); retry {Attempt} in {Delay:0.###} s", retry.Endpoint, retry.Call.ToString().ToLowerInvariant(), retry.Reason, retry.Attempt, retry.Delay.TotalSeconds);
#pragma warning restore CA1848
            }
        }, environment.Jitter);
    }
}
