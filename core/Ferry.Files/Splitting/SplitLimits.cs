using Ferry.Sdk.Errors;

namespace Ferry.Files.Splitting;

/// <summary>
/// When a sink starts a new part: after <see cref="MaxRecords"/> records, or before the file would grow past
/// <see cref="MaxBytes"/> bytes on disk (a single record larger than that gets a part of its own).
/// </summary>
/// <param name="MaxBytes">The most bytes per part file, or <c>null</c>.</param>
/// <param name="MaxRecords">The most records per part, or <c>null</c>.</param>
public sealed record SplitLimits(long? MaxBytes, long? MaxRecords)
{
    /// <summary>No splitting: one file.</summary>
    public static SplitLimits None { get; } = new(null, null);

    /// <summary>Whether any limit is set.</summary>
    public bool IsSplit => MaxBytes is not null || MaxRecords is not null;

    /// <summary>Parses the <c>split_bytes</c> and <c>split_records</c> option values (sizes may end in K, M, G, T: powers of 1024).</summary>
    public static SplitLimits Parse(string? splitBytes, string? splitRecords)
    {
        long? bytes = splitBytes is null ? null : ParseSize(splitBytes, "split_bytes");
        long? records = splitRecords is null ? null : ParseSize(splitRecords, "split_records");
        if (bytes is < 1024)
        {
            throw new ConnectorConfigurationException($"Option 'split_bytes' must be at least 1024 bytes (1K), got {bytes}.");
        }

        if (records is < 1)
        {
            throw new ConnectorConfigurationException($"Option 'split_records' must be at least 1, got {records}.");
        }

        return new SplitLimits(bytes, records);
    }

    private static long ParseSize(string text, string option)
    {
        var trimmed = text.Trim();
        long multiplier = 1;
        if (trimmed.Length > 0)
        {
            var unit = char.ToUpperInvariant(trimmed[^1]);
            var power = unit switch { 'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, _ => 0 };
            if (power > 0)
            {
                multiplier = 1L << (10 * power);
                trimmed = trimmed[..^1];
                if (trimmed.EndsWith("i", StringComparison.OrdinalIgnoreCase))
                {
                    trimmed = trimmed[..^1];
                }
            }
            else if (trimmed.EndsWith("B", StringComparison.OrdinalIgnoreCase) && trimmed.Length > 1 && char.IsLetter(trimmed[^2]))
            {
                return ParseSize(trimmed[..^1], option);
            }
        }

        return long.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= long.MaxValue / multiplier
            ? value * multiplier
            : throw new ConnectorConfigurationException($"Option '{option}' must be a positive whole number, optionally with K, M, G or T, got '{text}'.");
    }
}
