using System.Diagnostics;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.Postgres.Internal.Writing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>Source and sink against a real PostgreSQL 15 (binary COPY, no pgvector: vectors as real[]).</summary>
[Collection(Postgres15Collection.Name)]
public sealed class Postgres15Tests(Postgres15Fixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadAsync_PlainTable_RealArrayIsTheDefaultVectorAndEveryRowIsExact()
    {
        await using var source = Connectors.Source(fixture.Server.Location(fixture.Corpus.Name));
        var schema = await source.DescribeAsync(CancellationToken.None);
        Assert.Equal(Record.DefaultVectorName, Assert.Single(schema.Vectors).Name);
        Assert.Equal(PgCorpus.Dimension, schema.Vectors[0].Dimension);
        Assert.False(schema.Properties.ContainsKey("pgvector"));

        var result = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 500 });
        Assert.Empty(result.Failures);
        Assert.Equal(fixture.Corpus.Records.Count, result.Records.Count);
        for (var i = 0; i < result.Records.Count; i++)
        {
            PgAssert.Equal(fixture.Corpus.Records[i], result.Records[i]);
        }
    }

    [Theory]
    [InlineData("copy", "Copy")]
    [InlineData("insert", "Insert")]
    [InlineData("auto", "Copy")]
    public async Task UpsertAsync_LoadMode_WritesTheSameRecordsBack(string option, string effective)
    {
        var expected = Enum.Parse<LoadMode>(effective);
        var table = "load_" + option + "_" + Guid.NewGuid().ToString("N")[..8];
        await using var source = Connectors.Source(fixture.Server.Location(fixture.Corpus.Name));
        var schema = await source.DescribeAsync(CancellationToken.None);
        var records = (await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 1000 })).Records;

        var clock = Stopwatch.StartNew();
        await using (var sink = Connectors.Sink(fixture.Server.Location(table, "load=" + option)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            Assert.Equal(expected, ((PostgresSink)sink).EffectiveLoadMode);
            foreach (var batch in records.Chunk(1000))
            {
                var result = await sink.UpsertAsync(batch, CancellationToken.None);
                Assert.Empty(result.Failures);
            }

            // Idempotent: the same batch again changes nothing.
            await sink.UpsertAsync(records.Take(1000).ToList(), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
            Assert.Equal(records.Count, await sink.CountAsync(CancellationToken.None));
        }

        output.WriteLine($"PostgreSQL 15, load={option}: wrote {records.Count + 1000} rows (1000/batch) in {clock.Elapsed.TotalSeconds:F2} s ({(records.Count + 1000) / clock.Elapsed.TotalSeconds:F0} rows/s)");
        Assert.Equal("real[]", await fixture.Server.ScalarAsync<string>($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attname = 'embedding'"));
        await using var back = Connectors.Source(fixture.Server.Location(table));
        var again = await Connectors.ReadAllAsync(back, new ReadRequest { BatchSize = 700 });
        Assert.Equal(records.Count, again.Records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            PgAssert.Equal(records[i], again.Records[i]);
        }
    }

    [Fact]
    public async Task UpsertAsync_CopyBatchWithARefusedRow_OnlyThatRowFails()
    {
        var table = "refuse_" + Guid.NewGuid().ToString("N")[..8];
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 2, DistanceMetric.Cosine)] };
        await using var sink = Connectors.Sink(fixture.Server.Location(table, "load=copy"));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        await fixture.Server.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT short_text CHECK (length(text) < 10)");
        var records = Enumerable.Range(0, 50).Select(i => new Record($"r{i:D2}") { Text = i is 17 or 33 ? "far too long a text" : "ok", Vector = [i, 1] }).ToList();

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(["r17", "r33"], result.Failures.Select(f => f.RecordId).Order());
        Assert.Equal(48, result.Written);
        Assert.Equal(48, await sink.CountAsync(CancellationToken.None));
        Assert.Equal(LoadMode.Copy, ((PostgresSink)sink).EffectiveLoadMode);
    }

    [Fact]
    public async Task ReadAsync_ServerStoppedMidRead_TransientThenResumesAfterRestart()
    {
        var expected = fixture.Corpus.Records;
        string? token = null;
        var read = new List<Record>();
        var source = Connectors.Source(fixture.Server.Location(fixture.Corpus.Name));
        var failure = await Assert.ThrowsAsync<TransientConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 200 }, CancellationToken.None))
            {
                read.AddRange(batch.Records);
                token = batch.ResumeToken;
                if (read.Count == 600)
                {
                    await fixture.Server.StopAsync();
                }
            }
        });
        Assert.True(failure.IsTransient);
        Assert.Equal(600, read.Count);

        await fixture.Server.StartAsync();

        // The host retries with the same source after a transient failure: the broken pooled connections must not stick.
        var rest = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 300, ResumeToken = token });
        await source.DisposeAsync();
        Assert.Equal(expected.Skip(600).Select(r => r.Id), rest.Records.Select(r => r.Id));
        PgAssert.Equal(expected[600], rest.Records[0]);
    }

    [Fact]
    public async Task DescribeAsync_NothingListening_IsTransient()
    {
        await using var source = Connectors.Source($"postgres://postgres@127.0.0.1:{FreePort.Next()}/postgres?table=docs&connect_timeout=5");
        await Assert.ThrowsAsync<TransientConnectorException>(() => source.DescribeAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Source_MissingTableOrDatabase_IsAConfigurationError()
    {
        await using var noTable = Connectors.Source(fixture.Server.Location("no_such_table"));
        await Assert.ThrowsAsync<ConnectorConfigurationException>(() => noTable.DescribeAsync(CancellationToken.None).AsTask());
        await using var noDatabase = Connectors.Source($"postgres://postgres@127.0.0.1:{fixture.Server.Port}/no_such_db?table=x");
        await Assert.ThrowsAsync<ConnectorConfigurationException>(() => noDatabase.DescribeAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadAsync_CompositeKeyAndCompositeSelfReference_JsonIdsAndParentRelationships()
    {
        await fixture.Server.ExecuteAsync("""
            DROP TABLE IF EXISTS items;
            CREATE TABLE items (
              tenant text, n integer, body text, vec real[],
              parent_tenant text, parent_n integer,
              PRIMARY KEY (tenant, n),
              FOREIGN KEY (parent_n, parent_tenant) REFERENCES items (n, tenant));
            INSERT INTO items SELECT t, i, 'body ' || i, ARRAY[i, -i]::real[], NULL, NULL FROM unnest(ARRAY['acme', 'b"q']) t, generate_series(1, 30) i;
            UPDATE items SET parent_tenant = tenant, parent_n = n - 1 WHERE n > 1;
            """);
        await using var source = Connectors.Source(fixture.Server.Location("items"));
        var schema = await source.DescribeAsync(CancellationToken.None);
        Assert.Equal("tenant, n", schema.Properties["key"]);
        var all = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 7 });

        Assert.Equal(60, all.Records.Count);
        var first = all.Records[0];
        Assert.Equal("""["acme","1"]""", first.Id);
        Assert.Equal("body 1", first.Text);
        Assert.Equal("acme", first.Metadata["tenant"].AsString());
        Assert.Equal(1L, first.Metadata["n"].AsInteger());
        Assert.Empty(first.Relationships);
        var quoted = all.Records.Single(r => r.Id == """["b\"q","5"]""");
        Assert.Equal([new Relationship(RelationshipKinds.Parent, """["b\"q","4"]""")], quoted.Relationships);
        Assert.Equal(all.Records.Select(r => r.Id).Distinct().Count(), all.Records.Count);

        // Resume in the middle of the composite order.
        var rest = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 10, ResumeToken = all.Tokens[3] });
        Assert.Equal(all.Records.Skip(28).Select(r => r.Id), rest.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task Source_TableWithoutKey_NeedsAUniqueIdColumn()
    {
        await fixture.Server.ExecuteAsync("""
            DROP TABLE IF EXISTS keyless;
            CREATE TABLE keyless (code text NOT NULL, label text, score int);
            CREATE UNIQUE INDEX keyless_code ON keyless (code);
            INSERT INTO keyless VALUES ('b', 'B', 2), ('a', 'A', 1), ('c', 'C', 2);
            """);
        await using var byIndex = Connectors.Source(fixture.Server.Location("keyless"));
        Assert.Equal(["a", "b", "c"], (await Connectors.ReadAllAsync(byIndex)).Records.Select(r => r.Id));

        await using var notUnique = Connectors.Source(fixture.Server.Location("keyless", "id=score"));
        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() => notUnique.DescribeAsync(CancellationToken.None).AsTask());
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);

        await fixture.Server.ExecuteAsync("DROP INDEX keyless_code");
        await using var none = Connectors.Source(fixture.Server.Location("keyless"));
        await Assert.ThrowsAsync<ConnectorConfigurationException>(() => none.DescribeAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadAsync_UnconvertibleRows_FailAloneWithIdAndColumnAndTheRestIsRead()
    {
        await fixture.Server.ExecuteAsync("""
            DROP TABLE IF EXISTS rough;
            CREATE TABLE rough (id text PRIMARY KEY, vec real[], amount numeric, at timestamptz, body text);
            INSERT INTO rough VALUES
              ('a-good', ARRAY[1, 2]::real[], 1.50, '2024-01-01T00:00:00Z', 'fine'),
              ('b-null-element', ARRAY[1, NULL]::real[], 1, now(), 'x'),
              ('c-wide', ARRAY[1, 2, 3]::real[], 1, now(), 'x'),
              ('d-huge-number', ARRAY[1, 2]::real[], 1e40, now(), 'x'),
              ('e-infinite-time', ARRAY[1, 2]::real[], 1, 'infinity', 'x'),
              ('f-numeric-nan', ARRAY[1, 2]::real[], 'NaN', now(), 'x'),
              ('g-good', NULL, NULL, NULL, NULL);
            """);
        await using var source = Connectors.Source(fixture.Server.Location("rough"));
        var result = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 3 });

        Assert.Equal(["a-good", "g-good"], result.Records.Select(r => r.Id));
        Assert.Equal(1.50m, result.Records[0].Metadata["amount"].AsDecimal());
        Assert.Equal(["b-null-element", "c-wide", "d-huge-number", "e-infinite-time", "f-numeric-nan"], result.Failures.Select(f => f.RecordId));
        Assert.Equal(["vec", "vec", "amount", "at", "amount"], result.Failures.Select(f => f.Field));
        Assert.All(result.Failures, f => Assert.Contains("public.rough", f.Message, StringComparison.Ordinal));
        Assert.Contains("3 dimensions, expected 2", result.Failures[1].Message, StringComparison.Ordinal);

        // Failures do not stop the scan's position: a resume after the batch that held them reads on.
        Assert.Equal(3, result.Tokens.Count);
    }

    [Fact]
    public async Task Source_TextAndTitleOptions_PickThoseColumns()
    {
        await using var source = Connectors.Source(fixture.Server.Location(fixture.Small.Name, "text=category&title=author&exclude=attrs,blob&fk_kind=constraint"));
        var records = (await Connectors.ReadAllAsync(source)).Records;
        var first = records[0];
        Assert.Equal(fixture.Small.Records[0].Metadata["category"].AsString(), first.Text);
        Assert.Equal(fixture.Small.Records[0].Metadata["author"].AsString(), first.Title);
        Assert.False(first.Metadata.ContainsKey("attrs"));
        Assert.False(first.Metadata.ContainsKey("blob"));
        Assert.True(first.Metadata.ContainsKey("content"));
        Assert.Equal("plain_small_author_id_fkey", first.Relationships[0].Kind);
    }
}

/// <summary>The sink's one-time switch from COPY to INSERT when a server refuses COPY (through a refusing proxy).</summary>
[Collection(Postgres15Collection.Name)]
public sealed class Postgres15CopyRefusalTests(Postgres15Fixture fixture)
{
    [Fact]
    public async Task UpsertAsync_AutoAndServerRefusesCopy_SwitchesToInsertOnceAndWritesEverything()
    {
        await using var proxy = new CopyRefusingProxy(fixture.Server.Port);
        var table = "refusing_" + Guid.NewGuid().ToString("N")[..8];
        var location = $"postgres://postgres@127.0.0.1:{proxy.Port}/postgres?table={table}&sslmode=disable";
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Cosine)] };
        var records = Enumerable.Range(0, 1200).Select(i => new Record($"r{i:D4}") { Text = "t" + i, Vector = [i, -i, 0.5f] }).ToList();

        await using (var sink = Connectors.Sink(location))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            Assert.Equal(LoadMode.Copy, ((PostgresSink)sink).EffectiveLoadMode);
            foreach (var batch in records.Chunk(400))
            {
                var result = await sink.UpsertAsync(batch, CancellationToken.None);
                Assert.Empty(result.Failures);
                Assert.Equal(400, result.Written);
            }

            Assert.Equal(LoadMode.Insert, ((PostgresSink)sink).EffectiveLoadMode);
        }

        Assert.Equal(1, proxy.Refused);
        Assert.Equal(1200L, await fixture.Server.ScalarAsync<long>($"SELECT count(*) FROM {table}"));

        // load=copy does not switch: the refusal is the caller's to see.
        await using var strict = Connectors.Sink($"postgres://postgres@127.0.0.1:{proxy.Port}/postgres?table={table}_strict&sslmode=disable&load=copy");
        await strict.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => strict.UpsertAsync(records.Take(10).ToList(), CancellationToken.None).AsTask());
        Assert.Contains("0A000", error.Message, StringComparison.Ordinal);
    }
}
