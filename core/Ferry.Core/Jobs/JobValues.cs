using System.Globalization;

namespace Ferry.Core.Jobs;

/// <summary>Parses the value forms shared by the command line and job files: durations, sizes, enum names.</summary>
public static class JobValues
{
    /// <summary>
    /// A duration: a number with a unit (<c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>), a plain number of
    /// seconds (<c>1.5</c>), or a .NET time span (<c>00:01:30</c>).
    /// </summary>
    public static TimeSpan ParseDuration(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units.OrderByDescending(u => u.Suffix.Length))
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0)
            {
                return TimeSpan.FromSeconds(value * seconds);
            }
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            return TimeSpan.FromSeconds(plain);
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new JobValidationException($"{what} must be a duration such as 500ms, 30s, 5m or 1h, got '{text}'.");
    }

    /// <summary>A size in bytes: a number with an optional unit (<c>KB</c>, <c>MB</c>, <c>GB</c> are powers of 1000; <c>KiB</c>, <c>MiB</c>, <c>GiB</c> of 1024).</summary>
    public static long ParseSize(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        (string Suffix, long Factor)[] units = [("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("kb", 1000), ("mb", 1000_000), ("gb", 1000_000_000), ("k", 1L << 10), ("m", 1L << 20), ("g", 1L << 30), ("b", 1)];
        foreach (var (suffix, factor) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0)
            {
                return checked((long)(value * factor));
            }
        }

        return long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain) && plain >= 0
            ? plain
            : throw new JobValidationException($"{what} must be a size such as 16MiB or 1000000, got '{text}'.");
    }

    /// <summary>An enum member by name, case-insensitive, dashes ignored.</summary>
    public static TEnum ParseEnum<TEnum>(string text, string what)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(normalized, out _)
            ? value
            : throw new JobValidationException($"{what} must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}, got '{text}'.");
    }
}
