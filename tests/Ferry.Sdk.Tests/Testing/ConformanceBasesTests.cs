using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;
using Xunit;
using Xunit.Sdk;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Testing;

/// <summary>
/// The conformance bases pass a correct connector and fail each kind of broken one; without this, a base whose
/// checks could not fail would certify anything. The subclasses below are not public, so xUnit does not run them
/// on their own; these tests call their facts directly.
/// </summary>
public sealed class ConformanceBasesTests
{
    public static TheoryData<string> SourceFacts() => new(FactsOf(typeof(SourceConformanceTests)));

    public static TheoryData<string> SinkFacts() => new(FactsOf(typeof(SinkConformanceTests)));

    [Theory]
    [MemberData(nameof(SourceFacts))]
    public async Task SourceBase_CorrectSource_PassesEveryFact(string fact)
    {
        await Run(new SourceUnderTest(SourceFault.None), fact);
    }

    [Theory]
    [InlineData(SourceFault.IgnoresBatchSize, nameof(SourceConformanceTests.ReadAsync_BatchSizeHint_IsRespected))]
    [InlineData(SourceFault.IgnoresMaxBatchBytes, nameof(SourceConformanceTests.ReadAsync_TinyMaxBatchBytes_YieldsSingleRecordBatches))]
    [InlineData(SourceFault.ResumeRepeatsLastBatch, nameof(SourceConformanceTests.ReadAsync_ResumeFromEachToken_YieldsExactlyTheRest))]
    [InlineData(SourceFault.IgnoresCancellation, nameof(SourceConformanceTests.ReadAsync_CancelledBetweenBatches_ThrowsOperationCanceled))]
    [InlineData(SourceFault.IgnoresCancellation, nameof(SourceConformanceTests.ReadAsync_CancelledBeforeStart_ThrowsOperationCanceled))]
    [InlineData(SourceFault.DuplicatesARecord, nameof(SourceConformanceTests.ReadAsync_WholeSource_HasNoDuplicateIds))]
    [InlineData(SourceFault.DuplicatesARecord, nameof(SourceConformanceTests.ReadAsync_AllPartitions_YieldsEveryRecordOnce))]
    [InlineData(SourceFault.DuplicatesARecord, nameof(SourceConformanceTests.CountAsync_WhenSupported_EqualsRecordCount))]
    public async Task SourceBase_BrokenSource_Fails(SourceFault fault, string fact)
    {
        await Assert.ThrowsAnyAsync<XunitException>(() => Run(new SourceUnderTest(fault), fact));
    }

    [Theory]
    [MemberData(nameof(SinkFacts))]
    public async Task SinkBase_CorrectSink_PassesEveryFact(string fact)
    {
        await Run(new SinkUnderTest(SinkFault.None), fact);
    }

    [Theory]
    [InlineData(SinkFault.AppendsInsteadOfUpserting, nameof(SinkConformanceTests.UpsertAsync_Twice_SameAsOnce))]
    [InlineData(SinkFault.AppendsInsteadOfUpserting, nameof(SinkConformanceTests.UpsertAsync_ChangedRecord_ReplacesIt))]
    [InlineData(SinkFault.FlushesNegativeZero, nameof(SinkConformanceTests.UpsertAsync_ThenReadByIds_ReturnsRecordsBitExact))]
    [InlineData(SinkFault.DropsMetadataKind, nameof(SinkConformanceTests.UpsertAsync_ThenReadByIds_ReturnsRecordsBitExact))]
    [InlineData(SinkFault.DropsMetadataKind, nameof(SinkConformanceTests.FlushAsync_ThenNewSinkResuming_SeesRecords))]
    [InlineData(SinkFault.ChecksumsLeaveOutTheTitle, nameof(SinkConformanceTests.ReadChecksumsAsync_WrittenAndUnknownIds_AreTheChecksumsOfTheRecordsReadBack))]
    [InlineData(SinkFault.ChecksumsForUnknownIds, nameof(SinkConformanceTests.ReadChecksumsAsync_WrittenAndUnknownIds_AreTheChecksumsOfTheRecordsReadBack))]
    public async Task SinkBase_BrokenSink_Fails(SinkFault fault, string fact)
    {
        await Assert.ThrowsAnyAsync<XunitException>(() => Run(new SinkUnderTest(fault), fact));
    }

    [Fact]
    public void RecordAssert_NegativeZeroVersusZero_ReportsTheComponent()
    {
        var a = new Record("x") { Vector = [1f, -0f] };
        var b = new Record("x") { Vector = [1f, 0f] };

        var ex = Assert.ThrowsAny<XunitException>(() => RecordAssert.Equal(a, b));

        Assert.Contains("vector 'default' differs at [1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x80000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordAssert_SameNumberOtherKind_ReportsBothKinds()
    {
        var a = new Record("x") { Metadata = { ["n"] = 1L } };
        var b = new Record("x") { Metadata = { ["n"] = 1.0 } };

        var differences = RecordAssert.Differences(a, b);

        Assert.Equal(["metadata 'n': expected Integer 1, actual Float 1"], differences);
    }

    [Fact]
    public void RecordAssert_EveryFieldDiffering_ListsEachOne()
    {
        var features = ConformanceFeatures.All;
        var a = ConformanceData.CreateRecords(3, features)[2];
        var b = new Record(a.Id) { RecordType = "chunk" };

        var differences = RecordAssert.Differences(a, b);

        Assert.Contains(differences, d => d.StartsWith("text:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("title:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("record type:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("collection:", StringComparison.Ordinal));
        Assert.Contains("vector 'default' is missing", differences);
        Assert.Contains($"sparse vector '{ConformanceData.SparseVectorName}' is missing", differences);
        Assert.Contains(differences, d => d.StartsWith("metadata 'm_decimal' is missing", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("relationships:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("source:", StringComparison.Ordinal));
    }

    [Fact]
    public void ConformanceData_SameArguments_SameRecords()
    {
        var first = ConformanceData.CreateRecords(20, ConformanceFeatures.All, seed: 3);
        var second = ConformanceData.CreateRecords(20, ConformanceFeatures.All, seed: 3);

        RecordAssert.EquivalentById(first, second);
        Assert.Equal(Enum.GetValues<MetadataKind>().Length, first[1].Metadata.Count);
        Assert.Contains(first, r => r.Id.Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public void ConformanceData_FeaturesOff_LeavesThemOut()
    {
        var features = ConformanceFeatures.All with
        {
            ArbitraryIds = false,
            SparseVectors = false,
            Relationships = false,
            Provenance = false,
            MetadataKinds = new HashSet<MetadataKind> { MetadataKind.String },
        };

        var records = ConformanceData.CreateRecords(10, features);

        Assert.All(records, r =>
        {
            Assert.Matches("^rec-[0-9]{5}$", r.Id);
            Assert.Empty(r.Sparse);
            Assert.Empty(r.Relationships);
            Assert.Null(r.Source);
            Assert.Equal(["m_string"], r.Metadata.Keys);
        });
    }

    private static List<string> FactsOf(Type type) =>
        type.GetMethods().Where(m => m.IsDefined(typeof(FactAttribute), inherit: true)).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();

    private static async Task Run(object tests, string fact)
    {
        var method = tests.GetType().GetMethod(fact) ?? throw new InvalidOperationException($"No fact {fact}.");
        await (Task)method.Invoke(tests, null)!;
    }

    private sealed class SourceUnderTest(SourceFault fault) : SourceConformanceTests
    {
        private static readonly IReadOnlyList<Record> Data = ConformanceData.CreateRecords(40, ConformanceFeatures.All);

        protected override long ExpectedCount => Data.Count;

        protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<SourceConnector>(new MemorySource(Data, fault));

        protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<Record>?>(Data);

        // The memory source has no partitions of its own and reads in whole batches of its records.
        protected override int DesiredPartitions => 1;
    }

    private sealed class SinkUnderTest(SinkFault fault) : SinkConformanceTests
    {
        private readonly Dictionary<string, List<Record>> _tables = [];

        protected override string CreateTarget()
        {
            var name = "table-" + _tables.Count;
            _tables[name] = [];
            return name;
        }

        protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
            ValueTask.FromResult<SinkConnector>(new MemorySink(_tables[target], fault));
    }
}
