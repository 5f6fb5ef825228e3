using System.Globalization;
using System.Text.RegularExpressions;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>
/// ISO 8601 / RFC 3339 timestamps: <c>YYYY-MM-DD</c>, optionally followed by <c>T</c> (or a space) and <c>hh:mm</c>,
/// <c>hh:mm:ss</c> or <c>hh:mm:ss.fraction</c>, optionally followed by <c>Z</c> or an offset <c>±hh:mm</c>,
/// <c>±hhmm</c> or <c>±hh</c>. Fractions finer than 100 ns are truncated. Without an offset the assumed one applies.
/// </summary>
internal static partial class IsoTimestamp
{
    public static bool TryParse(string text, TimeSpan assumedOffset, out DateTimeOffset value)
    {
        value = default;
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var offset = assumedOffset;
        if (match.Groups[8].Success)
        {
            var zone = match.Groups[8].Value;
            if (zone is not ("Z" or "z"))
            {
                var sign = zone[0] == '-' ? -1 : 1;
                var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
                var hours = int.Parse(digits.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                var minutes = digits.Length > 2 ? int.Parse(digits.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
                if (hours > 14 || minutes > 59)
                {
                    return false;
                }

                offset = sign * new TimeSpan(hours, minutes, 0);
                if (offset.Duration() > TimeSpan.FromHours(14))
                {
                    return false;
                }
            }
            else
            {
                offset = TimeSpan.Zero;
            }
        }

        var ticks = 0L;
        if (match.Groups[7].Success)
        {
            var fraction = match.Groups[7].Value;
            fraction = fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        try
        {
            var local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified).AddTicks(ticks);
            value = new DateTimeOffset(local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
