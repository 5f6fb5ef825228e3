using System.Globalization;
using Ferry.Core.Resilience;
using Ferry.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Jobs;

/// <summary>
/// Reads a migration job from YAML (keys and format in docs/migration.md). Unknown keys are errors, so a typo
/// never silently falls back to a default. Secrets stay out of the file: locations and options may hold
/// <c>${env:NAME}</c> references, expanded only when the connectors are created.
/// </summary>
public static class JobFile
{
    private static readonly string[] TopLevelKeys =
    [
        "source", "target", "filter", "transformers", "id-mode", "errors", "on-duplicate", "dry-run", "restart", "overwrite", "parallel",
        "transform-parallel", "write-parallel", "batch-size", "batch-bytes", "channel-capacity", "checkpoint-every",
        "checkpoint-interval", "state-dir", "checkpoint", "dead-letter", "validate", "sample", "search-queries", "search-k",
        "search-min-overlap", "seed", "max-failures", "resilience",
    ];

    /// <summary>Loads a job file.</summary>
    /// <exception cref="JobValidationException">The file is missing, not YAML, or has an unknown key or a bad value (the message names the line).</exception>
    public static MigrationJob Load(string path, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new JobValidationException($"Job file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path, environment);
    }

    /// <summary>Parses a job from YAML text.</summary>
    public static MigrationJob Parse(TextReader text, string name = "job", Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        environment ??= Environment.GetEnvironmentVariable;
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new JobValidationException($"{name}: not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new JobValidationException($"{name}: a job file is a YAML mapping (source: …, target: …).");
        }

        var job = new MigrationJob();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Key(keyNode, name);
            if (!TopLevelKeys.Contains(key))
            {
                throw Error(name, keyNode, $"unknown key '{key}'. Known keys: {string.Join(", ", TopLevelKeys)}.");
            }

            switch (key)
            {
                case "source": job.Source = Endpoint(value, name, key); break;
                case "target": job.Target = Endpoint(value, name, key); break;
                case "filter": job.Filter = Scalar(value, name, key); break;
                case "transformers": ReadTransformers(value, job, name); break;
                case "id-mode": job.IdMode = Enum<IdMode>(value, name, key); break;
                case "errors": job.Errors = Enum<ErrorMode>(value, name, key); break;
                case "on-duplicate": job.OnDuplicate = Enum<DuplicatePolicy>(value, name, key); break;
                case "dry-run": job.DryRun = Bool(value, name, key); break;
                case "restart": job.Restart = Bool(value, name, key); break;
                case "overwrite": job.Overwrite = Bool(value, name, key); break;
                case "parallel": job.Parallel = Int(value, name, key); break;
                case "transform-parallel": job.TransformParallel = Int(value, name, key); break;
                case "write-parallel": job.WriteParallel = Int(value, name, key); break;
                case "batch-size": job.BatchSize = Int(value, name, key); break;
                case "batch-bytes": job.MaxBatchBytes = Wrap(value, name, () => JobValues.ParseSize(Scalar(value, name, key), key)); break;
                case "channel-capacity": job.ChannelCapacity = Int(value, name, key); break;
                case "checkpoint-every": job.CheckpointEveryRecords = Long(value, name, key); break;
                case "checkpoint-interval": job.CheckpointInterval = Duration(value, name, key); break;
                case "state-dir": job.StateDirectory = EnvironmentReferences.Expand(Scalar(value, name, key), environment); break;
                case "checkpoint": job.CheckpointPath = EnvironmentReferences.Expand(Scalar(value, name, key), environment); break;
                case "dead-letter": job.DeadLetterPath = EnvironmentReferences.Expand(Scalar(value, name, key), environment); break;
                case "validate": job.Validation = Enum<ValidationLevel>(value, name, key); break;
                case "sample": job.SampleSize = Int(value, name, key); break;
                case "search-queries": job.SearchQueries = Int(value, name, key); break;
                case "search-k": job.SearchK = Int(value, name, key); break;
                case "search-min-overlap": job.SearchMinOverlap = Double(value, name, key); break;
                case "seed": job.Seed = Int(value, name, key); break;
                case "max-failures": job.MaxFailures = Long(value, name, key); break;
                case "resilience": ReadResilience(value, job.Resilience, name); break;
            }
        }

        return job;
    }

    private static EndpointSpec Endpoint(YamlNode node, string name, string key)
    {
        if (node is YamlScalarNode)
        {
            return new EndpointSpec(Scalar(node, name, key));
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(name, node, $"'{key}' is a location string or a mapping with location, format and options.");
        }

        string? location = null;
        string? format = null;
        Dictionary<string, string>? options = null;
        foreach (var (childKey, value) in mapping.Children)
        {
            switch (Key(childKey, name))
            {
                case "location": location = Scalar(value, name, $"{key}.location"); break;
                case "format": format = Scalar(value, name, $"{key}.format"); break;
                case "options": options = Options(value, name, $"{key}.options"); break;
                default: throw Error(name, childKey, $"unknown key '{Key(childKey, name)}' in '{key}' (location, format, options).");
            }
        }

        if (string.IsNullOrWhiteSpace(location))
        {
            throw Error(name, node, $"'{key}' needs a location.");
        }

        var spec = new EndpointSpec(location) { Format = format };
        if (options is not null)
        {
            foreach (var (option, value) in options)
            {
                spec.Options[option] = value;
            }
        }

        return spec;
    }

    private static void ReadTransformers(YamlNode node, MigrationJob job, string name)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(name, node, "'transformers' is a list of names or of mappings with name and options.");
        }

        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode)
            {
                job.Transformers.Add(new TransformerSpec(Scalar(item, name, "transformers[]")));
                continue;
            }

            if (item is not YamlMappingNode mapping)
            {
                throw Error(name, item, "a transformer is a name or a mapping with name and options.");
            }

            string? transformerName = null;
            Dictionary<string, string>? options = null;
            foreach (var (childKey, value) in mapping.Children)
            {
                switch (Key(childKey, name))
                {
                    case "name": transformerName = Scalar(value, name, "transformers[].name"); break;
                    case "options": options = Options(value, name, "transformers[].options"); break;
                    default: throw Error(name, childKey, $"unknown key '{Key(childKey, name)}' in a transformer (name, options).");
                }
            }

            if (string.IsNullOrWhiteSpace(transformerName))
            {
                throw Error(name, item, "a transformer needs a name.");
            }

            var spec = new TransformerSpec(transformerName);
            foreach (var (option, value) in options ?? [])
            {
                spec.Options[option] = value;
            }

            job.Transformers.Add(spec);
        }
    }

    private static void ReadResilience(YamlNode node, ResilienceOptions options, string name)
    {
        foreach (var (keyNode, value) in Mapping(node, name, "resilience").Children)
        {
            var key = Key(keyNode, name);
            switch (key)
            {
                case "timeout": options.AttemptTimeout = Duration(value, name, "resilience.timeout"); break;
                case "retries": options.Retry.MaxRetries = Int(value, name, "resilience.retries"); break;
                case "retry-delay": options.Retry.BaseDelay = Duration(value, name, "resilience.retry-delay"); break;
                case "max-retry-delay": options.Retry.MaxDelay = Duration(value, name, "resilience.max-retry-delay"); break;
                case "jitter": options.Retry.UseJitter = Bool(value, name, "resilience.jitter"); break;
                case "max-retry-after": options.Retry.MaxRetryAfter = Duration(value, name, "resilience.max-retry-after"); break;
                case "circuit-breaker":
                    foreach (var (cbKey, cbValue) in Mapping(value, name, "resilience.circuit-breaker").Children)
                    {
                        var breakerKey = Key(cbKey, name);
                        var path = "resilience.circuit-breaker." + breakerKey;
                        switch (breakerKey)
                        {
                            case "enabled": options.CircuitBreaker.Enabled = Bool(cbValue, name, path); break;
                            case "failure-ratio": options.CircuitBreaker.FailureRatio = Double(cbValue, name, path); break;
                            case "minimum-throughput": options.CircuitBreaker.MinimumThroughput = Int(cbValue, name, path); break;
                            case "sampling-duration": options.CircuitBreaker.SamplingDuration = Duration(cbValue, name, path); break;
                            case "break-duration": options.CircuitBreaker.BreakDuration = Duration(cbValue, name, path); break;
                            default: throw Error(name, cbKey, $"unknown key '{breakerKey}' in resilience.circuit-breaker (enabled, failure-ratio, minimum-throughput, sampling-duration, break-duration).");
                        }
                    }

                    break;
                default:
                    throw Error(name, keyNode, $"unknown key '{key}' in resilience (timeout, retries, retry-delay, max-retry-delay, jitter, max-retry-after, circuit-breaker).");
            }
        }
    }

    private static YamlMappingNode Mapping(YamlNode node, string name, string key) =>
        node as YamlMappingNode ?? throw Error(name, node, $"'{key}' must be a mapping.");

    private static Dictionary<string, string> Options(YamlNode node, string name, string key)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (optionKey, value) in Mapping(node, name, key).Children)
        {
            options[Key(optionKey, name)] = value switch
            {
                YamlScalarNode => Scalar(value, name, key),
                YamlSequenceNode list => string.Join(',', list.Children.Select(c => Scalar(c, name, key))),
                _ => throw Error(name, value, $"option '{Key(optionKey, name)}' must be a value or a list of values."),
            };
        }

        return options;
    }

    private static string Key(YamlNode node, string name) =>
        node is YamlScalarNode { Value: { } value } ? value.Trim().ToLowerInvariant() : throw Error(name, node, "keys must be plain names.");

    private static string Scalar(YamlNode node, string name, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(name, node, $"'{key}' must be a single value.");

    private static bool Bool(YamlNode node, string name, string key) => Scalar(node, name, key).Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(name, node, $"'{key}' must be true or false, got '{other}'."),
    };

    private static int Int(YamlNode node, string name, string key) =>
        int.TryParse(Scalar(node, name, key).Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(name, node, $"'{key}' must be a whole number, got '{Scalar(node, name, key)}'.");

    private static long Long(YamlNode node, string name, string key) =>
        long.TryParse(Scalar(node, name, key).Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(name, node, $"'{key}' must be a whole number, got '{Scalar(node, name, key)}'.");

    private static double Double(YamlNode node, string name, string key) =>
        double.TryParse(Scalar(node, name, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(name, node, $"'{key}' must be a number, got '{Scalar(node, name, key)}'.");

    private static TimeSpan Duration(YamlNode node, string name, string key) => Wrap(node, name, () => JobValues.ParseDuration(Scalar(node, name, key), key));

    private static TEnum Enum<TEnum>(YamlNode node, string name, string key)
        where TEnum : struct, Enum => Wrap(node, name, () => JobValues.ParseEnum<TEnum>(Scalar(node, name, key), key));

    private static T Wrap<T>(YamlNode node, string name, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (JobValidationException e)
        {
            throw Error(name, node, e.Message);
        }
    }

    private static JobValidationException Error(string name, YamlNode node, string message) =>
        new($"{name}, line {node.Start.Line}: {message}");
}
