using System.Text.Json;

namespace Ferry.Migration.Tests.Support;

/// <summary>Reads ferry --json output lines.</summary>
internal static class ProgressLine
{
    /// <summary>Records written so far, counting earlier runs (resumed + written), or -1 for a line that is not progress.</summary>
    public static long TotalWritten(string line)
    {
        if (!line.StartsWith("{\"type\":\"progress\"", StringComparison.Ordinal))
        {
            return -1;
        }

        var json = JsonDocument.Parse(line).RootElement;
        return json.GetProperty("resumed").GetInt64() + json.GetProperty("written").GetInt64();
    }

    /// <summary>The final result line of a --json run.</summary>
    public static JsonElement Result(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no result line in:\n{output}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
