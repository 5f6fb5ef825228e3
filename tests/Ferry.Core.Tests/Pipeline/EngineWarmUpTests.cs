using Ferry.Core.Pipeline;
using Xunit;

namespace Ferry.Core.Tests.Pipeline;

public sealed class EngineWarmUpTests
{
    // The host runs it on a background thread at every start: it must complete on its own, with no file or connector.
    [Fact]
    public async Task Run_OnAThreadPoolThread_Completes()
    {
        var run = Task.Run(EngineWarmUp.Run);

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        await run;
    }
}
