using Ferry.Core.Jobs;
using Ferry.Core.Validation;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Core.Tests.Jobs;

public sealed class JobFileTests
{
    private static MigrationJob Parse(string yaml, Func<string, string?>? environment = null) =>
        JobFile.Parse(new StringReader(yaml), "job.yaml", environment);

    [Fact]
    public void Parse_EveryKey_FillsTheJob()
    {
        var job = Parse("""
            source:
              location: ./in.jsonl.gz
              format: jsonl
              options:
                timestamps: [published, updated]
            target: "pg://user:${env:PGPASS}@localhost/db?table=docs"
            filter: year >= 2020
            transformers:
              - upper-title
              - name: redact
                options: { key: "${env:REDACT_KEY}" }
            id-mode: uuid
            errors: strict
            dry-run: false
            restart: true
            overwrite: yes
            parallel: 3
            transform-parallel: 2
            write-parallel: 2
            batch-size: 500
            batch-bytes: 4MiB
            channel-capacity: 8
            checkpoint-every: 10_000
            checkpoint-interval: 15s
            state-dir: /tmp/state
            checkpoint: /tmp/state/x.json
            dead-letter: /tmp/dl.jsonl
            validate: full
            sample: 50
            search-queries: 7
            search-k: 5
            search-min-overlap: 0.8
            seed: 9
            max-failures: 3
            resilience:
              timeout: 90s
              retries: 2
              retry-delay: 250ms
              max-retry-delay: 5s
              jitter: false
              max-retry-after: 1m
              circuit-breaker:
                enabled: false
                failure-ratio: 0.25
                minimum-throughput: 4
                sampling-duration: 1m
                break-duration: 2s
            """);

        Assert.Equal("./in.jsonl.gz", job.Source!.Location);
        Assert.Equal("jsonl", job.Source.Format);
        Assert.Equal("published,updated", job.Source.Options["timestamps"]);
        Assert.Equal("pg://user:${env:PGPASS}@localhost/db", job.Target!.Location);
        Assert.Equal("docs", job.Target.Options["table"]);
        Assert.Equal("year >= 2020", job.Filter);
        Assert.Equal(["upper-title", "redact"], job.Transformers.Select(t => t.Name));
        Assert.Equal("${env:REDACT_KEY}", job.Transformers[1].Options["key"]);
        Assert.Equal(IdMode.Uuid, job.IdMode);
        Assert.Equal(ErrorMode.Strict, job.Errors);
        Assert.True(job.Restart);
        Assert.True(job.Overwrite);
        Assert.Equal((3, 2, 2, 500, 4L << 20, 8), (job.Parallel, job.TransformParallel, job.WriteParallel, job.BatchSize, job.MaxBatchBytes, job.ChannelCapacity));
        Assert.Equal(10_000, job.CheckpointEveryRecords);
        Assert.Equal(TimeSpan.FromSeconds(15), job.CheckpointInterval);
        Assert.Equal(("/tmp/state", "/tmp/state/x.json", "/tmp/dl.jsonl"), (job.StateDirectory, job.CheckpointPath, job.DeadLetterPath));
        Assert.Equal(ValidationLevel.Full, job.Validation);
        Assert.Equal((50, 7, 5, 0.8, 9, 3L), (job.SampleSize, job.SearchQueries, job.SearchK, job.SearchMinOverlap, job.Seed, job.MaxFailures!.Value));
        Assert.Equal(TimeSpan.FromSeconds(90), job.Resilience.AttemptTimeout);
        Assert.Equal(2, job.Resilience.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), job.Resilience.Retry.BaseDelay);
        Assert.False(job.Resilience.Retry.UseJitter);
        Assert.False(job.Resilience.CircuitBreaker.Enabled);
        Assert.Equal(0.25, job.Resilience.CircuitBreaker.FailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(2), job.Resilience.CircuitBreaker.BreakDuration);
        job.Validate(needsTarget: true);
    }

    [Fact]
    public void Parse_UnknownKey_NamesItAndTheLine()
    {
        var error = Assert.Throws<JobValidationException>(() => Parse("source: a.jsonl\ntarget: b.jsonl\nparalel: 4\n"));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'paralel'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("errors: sometimes", "errors must be one of strict, lenient, skip")]
    [InlineData("parallel: many", "'parallel' must be a whole number")]
    [InlineData("checkpoint-interval: soon", "checkpoint-interval must be a duration")]
    [InlineData("source: [a, b]", "'source' is a location string or a mapping")]
    [InlineData("source: {format: jsonl}", "'source' needs a location")]
    [InlineData("{ not yaml", "not valid YAML")]
    public void Parse_BadValue_SaysWhatIsWrong(string yaml, string expected)
    {
        var error = Assert.Throws<JobValidationException>(() => Parse(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_EnvironmentReferences_ResolvedOrNamedWhenMissing()
    {
        var environment = new Dictionary<string, string> { ["PGPASS"] = "s3cret", ["HOME"] = "/home/me" };
        Assert.Equal("pg://u:s3cret@h/db", EnvironmentReferences.Expand("pg://u:${env:PGPASS}@h/db", environment.GetValueOrDefault));
        Assert.Equal("literal ${x}", EnvironmentReferences.Expand("literal $${x}", environment.GetValueOrDefault));
        var missing = Assert.Throws<ConnectorConfigurationException>(() => EnvironmentReferences.Expand("${env:NOPE}", environment.GetValueOrDefault));
        Assert.Contains("'NOPE'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("/home/me/state", Parse("state-dir: ${env:HOME}/state", environment.GetValueOrDefault).StateDirectory);
    }

    [Fact]
    public void Redact_LiteralPasswords_HiddenReferencesKept()
    {
        Assert.Equal("pg://user:***@host/db", EnvironmentReferences.Redact("pg://user:hunter2@host/db"));
        Assert.Equal("pg://user:${env:P}@host/db", EnvironmentReferences.Redact("pg://user:${env:P}@host/db"));
        Assert.Equal("./file.jsonl", EnvironmentReferences.Redact("./file.jsonl"));
        Assert.True(EnvironmentReferences.HasLiteralPassword("https://a:b@c"));
        Assert.False(EnvironmentReferences.HasLiteralPassword("https://a@c"));
    }

    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1.5", 1.5)]
    [InlineData("00:01:30", 90)]
    public void ParseDuration_Forms_Accepted(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JobValues.ParseDuration(text, "x"));

    [Theory]
    [InlineData("16MiB", 16L << 20)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1000", 1000L)]
    public void ParseSize_Forms_Accepted(string text, long bytes) =>
        Assert.Equal(bytes, JobValues.ParseSize(text, "x"));

    [Fact]
    public void EndpointSpec_QueryString_BecomesOptions()
    {
        var spec = new EndpointSpec("./corpus.jsonl?timestamps=published&vector_field=emb%20x&flag");
        Assert.Equal("./corpus.jsonl", spec.Location);
        Assert.Equal("published", spec.Options["timestamps"]);
        Assert.Equal("emb x", spec.Options["vector_field"]);
        Assert.Equal("true", spec.Options["flag"]);
    }

    [Fact]
    public void Validate_MissingSourceOrBadNumbers_Refused()
    {
        Assert.Contains("--from", Assert.Throws<JobValidationException>(() => new MigrationJob().Validate(false)).Message, StringComparison.Ordinal);
        var job = new MigrationJob { Source = new EndpointSpec("a.jsonl") };
        Assert.Contains("--to", Assert.Throws<JobValidationException>(() => job.Validate(true)).Message, StringComparison.Ordinal);
        job.Parallel = 0;
        Assert.Contains("--parallel", Assert.Throws<JobValidationException>(() => job.Validate(false)).Message, StringComparison.Ordinal);
    }
}
