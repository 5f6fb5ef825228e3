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
    public async Task FerryMigrate_CorpusToFrame_ValidatesFull()
    {
        using var scenario = new MigrateScenario();
        await scenario.MigrateAndValidateAsync(_fixture.Location(ChromaServerFixture.CorpusCollection), ChromaServerFixture.CorpusSize);
    }

    [Fact]
    public async Task FerryMigrate_KilledMidway_ResumesToExactlyEveryRecord()
    {
        using var scenario = new MigrateScenario();
        await scenario.KillAndResumeAsync(_fixture.Location(ChromaServerFixture.CorpusCollection), ChromaServerFixture.CorpusSize, killAfter: 3000);
    }
}
