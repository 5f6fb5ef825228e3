using Ferry.Connectors.Tests.Servers;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>The real <c>ferry</c> CLI moving the Chroma corpus into Frame datasets (docs/from-chroma.md runs these commands).</summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaMigrateTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaMigrateTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task FerryMigrate_CorpusToFrameAndBack_ValidatesFull()
    {
        using var scenario = new MigrateScenario();
        var source = _fixture.Location(ChromaServerFixture.CorpusCollection);
        await scenario.MigrateAndValidateAsync(source, ChromaServerFixture.CorpusSize);
        await scenario.CopyBackAndValidateAsync(source, _fixture.Location("e2e-copy-" + Guid.NewGuid().ToString("N")[..8]), ChromaServerFixture.CorpusSize);
    }

    [Fact]
    public async Task FerryMigrate_KilledMidway_ResumesToExactlyEveryRecord()
    {
        using var scenario = new MigrateScenario();
        await scenario.KillAndResumeAsync(_fixture.Location(ChromaServerFixture.CorpusCollection), ChromaServerFixture.CorpusSize, killAfter: 3000);
    }
}
