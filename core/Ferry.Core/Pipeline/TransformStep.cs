using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Pipeline;

/// <summary>A transformer of the job with its name and its own resilience pipeline.</summary>
internal sealed record TransformStep(string Name, Transformer Transformer, ResilientCalls Calls);
