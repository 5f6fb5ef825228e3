using System.Text;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// Builds the statements of a keyset scan: <c>WHERE key &gt; $after AND key &lt;= $through AND (filter)
/// ORDER BY key LIMIT n</c>. The index on the key makes every page one range scan from where the last one
/// stopped, whatever the offset (no OFFSET, so page 10,000 costs what page 1 costs).
/// </summary>
internal static class KeysetQuery
{
    /// <summary>The key bound <c>("a", "b") &gt; ($1::text, $2::bigint)</c>, parameters as the server printed them.</summary>
    public static string Bound(ReadPlan plan, string op, string[] key, SqlParameters parameters)
    {
        var values = new StringBuilder();
        for (var i = 0; i < plan.Key.Count; i++)
        {
            if (i > 0)
            {
                values.Append(", ");
            }

            values.Append(parameters.AddValue(key[i])).Append("::").Append(plan.Key[i].BaseType);
        }

        return plan.Key.Count == 1
            ? $"{plan.KeyRow} {op} {values}"
            : $"{plan.KeyRow} {op} ({values})";
    }

    public static string Where(IReadOnlyList<string> conditions) =>
        conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);

    /// <summary>Reads one page and decodes it.</summary>
    public static async ValueTask<Page> ReadPageAsync(
        NpgsqlConnection connection, ReadPlan plan, string sql, SqlParameters parameters, Func<Ferry.Sdk.Records.Record, bool>? keep, long maxBytes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        parameters.CopyTo(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var decoder = new RowDecoder(plan);
        var records = new List<Ferry.Sdk.Records.Record>();
        var failures = new List<Ferry.Sdk.Connectors.RecordFailure>();
        var rows = 0;
        long bytes = 0;
        string[]? last = null;
        var truncated = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (bytes >= maxBytes && rows > 0)
            {
                // The byte budget is spent: stop here; the next page starts after the last row consumed.
                truncated = true;
                break;
            }

            rows++;
            var (record, failure) = decoder.Decode(reader);
            last = decoder.KeyTexts.ToArray();
            if (record is not null)
            {
                bytes += EstimateBytes(record);
                if (keep is null || keep(record))
                {
                    records.Add(record);
                }
            }
            else if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        return new Page(records, failures, rows, last, bytes, truncated);
    }

    /// <summary>A rough size of a record in memory, to keep batches near the requested byte budget.</summary>
    public static long EstimateBytes(Ferry.Sdk.Records.Record record)
    {
        long bytes = 64 + (2L * record.Id.Length) + (2L * (record.Text?.Length ?? 0)) + (2L * (record.Title?.Length ?? 0));
        foreach (var vector in record.Vectors.Values)
        {
            bytes += 4L * vector.Length;
        }

        foreach (var sparse in record.Sparse.Values)
        {
            bytes += 8L * sparse.Count;
        }

        bytes += 48L * record.Metadata.Count;
        return bytes;
    }

    /// <summary>The select list of a search: the key texts and the distance.</summary>
    public static string KeyTexts(ReadPlan plan)
    {
        var parts = new string[plan.Key.Count];
        for (var i = 0; i < plan.Key.Count; i++)
        {
            parts[i] = Sql.Identifier(plan.Key[i].Name) + "::text";
        }

        return string.Join(", ", parts);
    }
}
