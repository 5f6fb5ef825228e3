namespace Ferry.Core.Resilience;

/// <summary>One retry of one call, as reported to progress and logs.</summary>
/// <param name="Endpoint">Which side: <c>source</c>, <c>target</c> or a transformer's name.</param>
/// <param name="Call">The kind of call.</param>
/// <param name="Attempt">The 1-based number of the retry about to happen.</param>
/// <param name="Delay">How long the engine waits before it.</param>
/// <param name="Reason">The failure that caused it.</param>
public sealed record RetryEvent(string Endpoint, ExternalCall Call, int Attempt, TimeSpan Delay, string Reason);
