using Ferry.Connectors.Tests.Servers;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>The real <c>ferry</c> CLI moving the DynamoDB corpus into Frame datasets (docs/from-dynamodb.md runs these commands).</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoMigrateTests
{
    private readonly DynaliteFixture _fixture;

    public DynamoMigrateTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task FerryMigrate_CorpusToFrameAndBack_ValidatesFull()
    {
        using var scenario = new MigrateScenario();
        var source = _fixture.Location(DynaliteFixture.CorpusTable) + "?region=us-east-1";
        await scenario.MigrateAndValidateAsync(source, DynaliteFixture.CorpusSize);
        await scenario.CopyBackAndValidateAsync(source, _fixture.Location("e2e-copy-" + Guid.NewGuid().ToString("N")[..8]) + "?create=true", DynaliteFixture.CorpusSize);
    }

    [Fact]
    public async Task FerryMigrate_KilledMidway_ResumesToExactlyEveryRecord()
    {
        using var scenario = new MigrateScenario();
        await scenario.KillAndResumeAsync(_fixture.Location(DynaliteFixture.CorpusTable), DynaliteFixture.CorpusSize, killAfter: 3000);
    }
}
