using System.Globalization;
using System.Text;
using Ferry.Sdk.Records;
using Npgsql;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// A deterministic corpus shaped like the shared benchmark corpus (id, title, text, category, year, tags, author,
/// published, score, a 384-dimension embedding) plus a column of every type the source maps: jsonb with nested
/// objects and int-vs-float numbers, numeric with scale, bytea, halfvec, sparsevec, a foreign key to a parent
/// table, a self-referencing foreign key, uuid, date, real, int[] with NULL items, bigint, smallint, bool,
/// timestamp without time zone and interval. It is loaded with plain SQL (vectors sent as real[] and cast by the
/// server, sparse vectors in pgvector's text form), never through the connector under test, and it knows the
/// record the source must produce for each row.
/// </summary>
public sealed class PgCorpus
{
    public const int Dimension = 384;
    public const string Table = "docs";

    private static readonly string[] Categories = ["science", "history", "art", "sports", "politics", "music", "travel", "food"];
    private static readonly string[] Words = ["vector", "frame", "ferry", "naïve", "café", "river", "🚀", "quantum", "harbor", "lattice", "data", "Ω"];
    private static readonly string[] Authors = ["Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances"];

    private PgCorpus(string table, IReadOnlyList<Record> records)
    {
        Name = table;
        Records = records;
        ById = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The records the source must read, in key order.</summary>
    public IReadOnlyList<Record> Records { get; }

    public IReadOnlyDictionary<string, Record> ById { get; }

    public static string Id(int i) => "doc-" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Creates the tables and loads <paramref name="count"/> rows (multi-row INSERTs, parameters).</summary>
    /// <param name="server">The server.</param>
    /// <param name="count">How many rows.</param>
    /// <param name="table">The table name.</param>
    /// <param name="pgvector">
    /// With pgvector: embedding vector(384), half halfvec(8), sparse sparsevec(1000). Without (plain PostgreSQL):
    /// embedding real[] (read as the single vector, <c>default</c>) and no halfvec or sparsevec column.
    /// </param>
    public static async Task<PgCorpus> LoadAsync(PostgresServer server, int count, string table = Table, bool pgvector = true)
    {
        var vectorColumns = pgvector
            ? "embedding vector(384), attrs jsonb, price numeric(12,4), blob bytea, half halfvec(8), sparse sparsevec(1000),"
            : "embedding real[], attrs jsonb, price numeric(12,4), blob bytea,";
        await server.ExecuteAsync($"""
            DROP TABLE IF EXISTS {table};
            CREATE TABLE IF NOT EXISTS authors (id integer PRIMARY KEY, name text NOT NULL);
            CREATE TABLE {table} (
              id text PRIMARY KEY,
              title text,
              content text,
              category text NOT NULL,
              year integer NOT NULL,
              tags text[],
              author text,
              published timestamptz,
              score double precision,
              {vectorColumns}
              parent_id text REFERENCES {table}(id),
              author_id integer REFERENCES authors(id),
              uid uuid,
              day date,
              ratio real,
              counts integer[],
              big bigint,
              small smallint,
              flag boolean,
              local_ts timestamp,
              dur interval
            );
            """);
        var authorValues = string.Join(", ", Authors.Select((a, i) => $"({i + 1}, '{a}')"));
        await server.ExecuteAsync($"INSERT INTO authors VALUES {authorValues} ON CONFLICT DO NOTHING");

        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(Row.Make(i));
        }

        await using var connection = await server.OpenAsync();
        const int RowsPerStatement = 100;
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var chunk = rows.Skip(start).Take(RowsPerStatement).ToList();
            var sql = new StringBuilder($"INSERT INTO {table} VALUES ");
            await using var command = new NpgsqlCommand { Connection = connection };
            for (var r = 0; r < chunk.Count; r++)
            {
                var row = chunk[r];
                var values = row.Parameters(pgvector);
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < values.Length; c++)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = values[c].Value ?? DBNull.Value });
                    sql.Append(c == 0 ? string.Empty : ", ").Append('$').Append(command.Parameters.Count).Append(values[c].Cast);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }

        return new PgCorpus(table, rows.Select(r => r.Expected(table, pgvector)).ToList());
    }

    /// <summary>One generated row: the values sent to the server and the record expected back.</summary>
    private sealed class Row
    {
        private Row(int index)
        {
            Index = index;
        }

        public int Index { get; }

        public string Title { get; private init; } = "";

        public string? Content { get; private init; }

        public string Category { get; private init; } = "";

        public int Year { get; private init; }

        public string?[]? Tags { get; private init; }

        public string? Author { get; private init; }

        public DateTime? Published { get; private init; }

        public double? Score { get; private init; }

        public float[]? Embedding { get; private init; }

        public int Rank { get; private init; }

        public decimal Price { get; private init; }

        public byte[] Blob { get; private init; } = [];

        public float[] Half { get; private init; } = [];

        public (uint Index, float Value)[] Sparse { get; private init; } = [];

        public string? ParentId { get; private init; }

        public int AuthorId { get; private init; }

        public Guid Uid { get; private init; }

        public DateOnly Day { get; private init; }

        public float Ratio { get; private init; }

        public int?[] Counts { get; private init; } = [];

        public long Big { get; private init; }

        public short Small { get; private init; }

        public bool Flag { get; private init; }

        public DateTime LocalTs { get; private init; }

        public int DurDays { get; private init; }

        public int DurSeconds { get; private init; }

        public static Row Make(int i)
        {
            var random = new SplitMix(0x5EED_0000UL + (ulong)i);
            var embedding = new float[Dimension];
            for (var d = 0; d < embedding.Length; d++)
            {
                embedding[d] = (float)((random.NextDouble() * 2) - 1);
            }

            var words = new StringBuilder();
            var wordCount = 5 + (int)(random.Next() % 20);
            for (var w = 0; w < wordCount; w++)
            {
                words.Append(w == 0 ? string.Empty : " ").Append(Words[random.Next() % (ulong)Words.Length]);
            }

            var tagCount = (int)(random.Next() % 4);
            var tags = new string?[tagCount];
            for (var t = 0; t < tagCount; t++)
            {
                tags[t] = "tag" + (random.Next() % 10).ToString(CultureInfo.InvariantCulture);
            }

            var half = new float[8];
            for (var h = 0; h < half.Length; h++)
            {
                half[h] = (float)((long)(random.Next() % 64) - 32) / 16f; // exact in float16
            }

            var nnz = 1 + (int)(random.Next() % 4);
            var indices = new SortedSet<uint>();
            while (indices.Count < nnz)
            {
                indices.Add((uint)(random.Next() % 1000));
            }

            var score = random.NextDouble();
            return new Row(i)
            {
                Title = "Title " + i.ToString(CultureInfo.InvariantCulture),
                Content = i % 50 == 7 ? null : words.ToString(),
                Category = Categories[i % Categories.Length],
                Year = 1990 + (i % 35),
                Tags = i % 29 == 3 ? null : tags,
                Author = i % 13 == 5 ? null : Authors[i % Authors.Length],
                Published = i % 31 == 2 ? null : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 86_399L).AddTicks((i % 1000) * 10L),
                Score = i % 17 == 4 ? null : i % 101 == 0 ? double.NaN : i % 103 == 1 ? -0.0 : i % 107 == 2 ? double.PositiveInfinity : score,
                Embedding = i % 97 == 11 ? null : embedding,
                Rank = i,
                Price = decimal.Parse((i * 7 % 100000).ToString(CultureInfo.InvariantCulture) + "." + (i % 10000).ToString("D4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                Blob = [(byte)i, (byte)(i >> 8), 0, 255],
                Half = half,
                Sparse = indices.Select(ix => (ix, (float)((random.NextDouble() * 2) - 1) + 2f)).ToArray(),
                ParentId = i % 10 == 9 ? Id(i - 1) : null,
                AuthorId = 1 + (i % Authors.Length),
                Uid = new Guid(i, (short)(i >> 3), (short)0x4000, 0x80, 1, 2, 3, 4, 5, 6, (byte)i),
                Day = new DateOnly(2020, 1, 1).AddDays(i % 1500),
                Ratio = (float)random.NextDouble(),
                Counts = i % 5 == 0 ? [i, null, -i] : [i],
                Big = (long)random.Next(),
                Small = (short)(i % 30000),
                Flag = i % 3 == 0,
                LocalTs = new DateTime(2010, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddMinutes(i),
                DurDays = i % 4,
                DurSeconds = i % 60,
            };
        }

        public (object? Value, string Cast)[] Parameters(bool pgvector) => pgvector ? AllParameters() : AllParameters().Where((_, i) => i is not (13 or 14)).Select((p, i) => i == 9 ? (p.Value, "::real[]") : p).ToArray();

        private (object? Value, string Cast)[] AllParameters() =>
        [
            (Id(Index), ""),
            (Title, ""),
            (Content, "::text"),
            (Category, ""),
            (Year, ""),
            (Tags, "::text[]"),
            (Author, "::text"),
            (Published, "::timestamptz"),
            (Score, "::float8"),
            (Embedding, "::real[]::vector"),
            (AttrsJson(), "::jsonb"),
            (Price.ToString(CultureInfo.InvariantCulture), "::numeric"),
            (Blob, ""),
            (Half, "::real[]::halfvec"),
            (SparseText(), "::sparsevec"),
            (ParentId, "::text"),
            (AuthorId, ""),
            (Uid, ""),
            (Day, ""),
            (Ratio, ""),
            (Counts, "::int[]"),
            (Big, ""),
            (Small, ""),
            (Flag, ""),
            (LocalTs, "::timestamp"),
            ($"{DurDays} days {DurSeconds} seconds", "::interval"),
        ];

        public Record Expected(string table, bool pgvector)
        {
            var id = Id(Index);
            var record = new Record(id)
            {
                Title = Title,
                Text = Content,
                Source = new RecordSource("postgres", "public." + table, id),
            };
            if (Embedding is not null)
            {
                record.Vectors[pgvector ? "embedding" : Record.DefaultVectorName] = Embedding;
            }

            if (pgvector)
            {
                record.Vectors["half"] = Half;
                record.Sparse["sparse"] = new SparseVector(Sparse.Select(s => s.Index).ToArray(), Sparse.Select(s => s.Value).ToArray());
            }

            var m = record.Metadata;
            m["category"] = Category;
            m["year"] = (long)Year;
            m["tags"] = Tags is null ? MetadataValue.Null : MetadataValue.FromArray(Tags.Select(MetadataValue.FromString));
            m["author"] = MetadataValue.FromString(Author);
            m["published"] = Published is { } p ? MetadataValue.FromTimestamp(new DateTimeOffset(p)) : MetadataValue.Null;
            m["score"] = Score is { } s ? MetadataValue.FromFloat(s) : MetadataValue.Null;
            m["attrs"] = MetadataValue.FromObject(
            [
                new("rank", MetadataValue.FromInteger(Rank)),
                new("ratio", MetadataValue.FromFloat(Rank / 8.0 + 0.5)),
                new("whole", MetadataValue.FromFloat(3.0)),
                new("nested", MetadataValue.FromObject(
                [
                    new("ok", MetadataValue.FromBool(Rank % 2 == 0)),
                    new("list", MetadataValue.FromArray([MetadataValue.FromInteger(1), MetadataValue.FromFloat(2.5), MetadataValue.FromString("x"), MetadataValue.Null])),
                ])),
            ]);
            m["price"] = MetadataValue.FromDecimal(decimal.Parse(Price.ToString("F4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            m["blob"] = MetadataValue.FromBytes(Blob);
            m["parent_id"] = MetadataValue.FromString(ParentId);
            m["author_id"] = (long)AuthorId;
            m["uid"] = Uid.ToString("D");
            m["day"] = MetadataValue.FromTimestamp(new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            m["ratio"] = MetadataValue.FromFloat(Ratio);
            m["counts"] = MetadataValue.FromArray(Counts.Select(c => c is { } v ? MetadataValue.FromInteger(v) : MetadataValue.Null));
            m["big"] = Big;
            m["small"] = (long)Small;
            m["flag"] = Flag;
            m["local_ts"] = MetadataValue.FromTimestamp(new DateTimeOffset(LocalTs, TimeSpan.Zero));
            m["dur"] = (DurDays switch { 0 => "", 1 => "1 day ", _ => $"{DurDays} days " }) + $"00:00:{DurSeconds:D2}";

            // Foreign keys in constraint-name order: <table>_author_id_fkey, <table>_parent_id_fkey.
            record.Relationships.Add(new Relationship(RelationshipKinds.Reference, AuthorId.ToString(CultureInfo.InvariantCulture)));
            if (ParentId is not null)
            {
                record.Relationships.Add(new Relationship(RelationshipKinds.Parent, ParentId));
            }

            return record;
        }

        private string AttrsJson()
        {
            var ratio = (Rank / 8.0 + 0.5).ToString("0.0##", CultureInfo.InvariantCulture);
            var ok = Rank % 2 == 0 ? "true" : "false";
            return "{\"rank\": " + Rank.ToString(CultureInfo.InvariantCulture) + ", \"ratio\": " + ratio + ", \"whole\": 3.0, \"nested\": {\"ok\": " + ok + ", \"list\": [1, 2.5, \"x\", null]}}";
        }

        private string SparseText() =>
            "{" + string.Join(",", Sparse.Select(s => $"{s.Index + 1}:{s.Value.ToString("R", CultureInfo.InvariantCulture)}")) + "}/1000";
    }

    /// <summary>SplitMix64: a tiny deterministic generator (the same numbers on every machine and run).</summary>
    private struct SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
