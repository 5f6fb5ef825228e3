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
    public async Task FerryMigrate_CorpusToFrame_ValidatesFull()
    {
        using var scenario = new MigrateScenario();
        await scenario.MigrateAndValidateAsync(_fixture.Location(DynaliteFixture.CorpusTable) + "?region=us-east-1", DynaliteFixture.CorpusSize);
    }

    [Fact]
    public async Task FerryMigrate_KilledMidway_ResumesToExactlyEveryRecord()
    {
        using var scenario = new MigrateScenario();
        await scenario.KillAndResumeAsync(_fixture.Location(DynaliteFixture.CorpusTable), DynaliteFixture.CorpusSize, killAfter: 3000);
    }
}
