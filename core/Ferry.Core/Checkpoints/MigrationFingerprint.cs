using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Jobs;
using Ferry.Sdk.Filtering;

namespace Ferry.Core.Checkpoints;

/// <summary>
/// Identifies a migration by what decides the target's content: source and target (locations, formats,
/// options as written, so a rotated secret behind <c>${env:…}</c> keeps the checkpoint), the filter in its
/// canonical form, the transformers with their options (and, for a transformer given as a configuration file, the
/// file's content, so an edited mapping is a new migration), and the id mode. Parallelism, batch sizes, error
/// mode, duplicate policy, validation and resilience settings are left out on purpose: changing them must not
/// lose the progress of an interrupted run.
/// </summary>
public static class MigrationFingerprint
{
    /// <summary>The hex SHA-256 of the migration's canonical description.</summary>
    public static string Compute(MigrationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        text.Append("ferry-migration/1\n");
        text.Append("source\n").Append(job.Source?.Canonical()).Append('\n');
        text.Append("target\n").Append(job.Target?.Canonical()).Append('\n');
        text.Append("filter\n").Append(CanonicalFilter(job.Filter)).Append('\n');
        foreach (var transformer in job.Transformers)
        {
            text.Append("transformer\n").Append(transformer.Name.ToLowerInvariant()).Append('\n');
            if (File.Exists(transformer.Name))
            {
                text.Append("file-sha256=").Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(transformer.Name)))).Append('\n');
            }

            foreach (var key in transformer.Options.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal))
            {
                text.Append(key).Append('=').Append(transformer.Options[key]).Append('\n');
            }
        }

        text.Append("id-mode\n").Append(job.IdMode.ToString().ToLowerInvariant()).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The filter's canonical text (so that <c>a=1</c> and <c>a = 1</c> are the same migration), or the raw text when it does not parse.</summary>
    public static string CanonicalFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return string.Empty;
        }

        try
        {
            return FilterParser.Parse(filter).ToString() ?? filter;
        }
        catch (FilterSyntaxException)
        {
            return filter.Trim();
        }
    }
}
