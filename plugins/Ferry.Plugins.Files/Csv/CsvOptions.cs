using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Csv;

/// <summary>The CSV/TSV options (docs/formats.md, "CSV and TSV"), validated.</summary>
internal sealed record CsvOptions
{
    /// <summary>The option names (docs/formats.md, section 6).</summary>
    public static readonly IReadOnlyList<string> Names = ["delimiter", "quote", "header", "vector_format", "nested", "header_types", "null", "newline", "bom"];

    public byte Delimiter { get; init; } = (byte)',';

    public byte Quote { get; init; } = (byte)'"';

    /// <summary>Whether the first row names the columns (reading without one: the first column is the id, the others c2, c3, …).</summary>
    public bool Header { get; init; } = true;

    /// <summary><c>json</c>: a vector is a JSON array in one cell; <c>space</c>: its components separated by spaces.</summary>
    public bool SpaceVectors { get; init; }

    /// <summary><c>json</c>: an object is JSON in one cell; <c>dotted</c>: each leaf gets a column <c>a.b.c</c>.</summary>
    public bool DottedObjects { get; init; }

    /// <summary>Write <c>name:type</c> header cells, which the reader turns back into types.</summary>
    public bool HeaderTypes { get; init; }

    /// <summary>The unquoted cell text of an explicit null.</summary>
    public string NullText { get; init; } = "\\N";

    public bool CrLf { get; init; }

    public bool ByteOrderMark { get; init; }

    public static CsvOptions From(ConnectorOptions options, byte defaultDelimiter)
    {
        return new CsvOptions
        {
            Delimiter = Single(options.Get("delimiter"), "delimiter", defaultDelimiter),
            Quote = Single(options.Get("quote"), "quote", (byte)'"'),
            Header = options.GetBoolean("header", true),
            SpaceVectors = options.GetString("vector_format", "json").ToLowerInvariant() switch
            {
                "json" => false,
                "space" or "spaces" => true,
                var other => throw new ConnectorConfigurationException($"Option 'vector_format' must be json or space, got '{other}'."),
            },
            DottedObjects = options.GetString("nested", "json").ToLowerInvariant() switch
            {
                "json" => false,
                "dotted" or "flatten" => true,
                var other => throw new ConnectorConfigurationException($"Option 'nested' must be json or dotted, got '{other}'."),
            },
            HeaderTypes = options.GetBoolean("header_types", false),
            NullText = options.GetString("null", "\\N"),
            CrLf = options.GetString("newline", "lf").ToLowerInvariant() switch
            {
                "lf" or "\n" => false,
                "crlf" or "\r\n" => true,
                var other => throw new ConnectorConfigurationException($"Option 'newline' must be lf or crlf, got '{other}'."),
            },
            ByteOrderMark = options.GetBoolean("bom", false),
        };
    }

    private static byte Single(string? text, string option, byte fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        var value = text switch
        {
            "\\t" or "tab" or "TAB" => "\t",
            "comma" => ",",
            "semicolon" => ";",
            "pipe" => "|",
            _ => text,
        };
        return value.Length == 1 && value[0] < 128 && value[0] is not ('\r' or '\n')
            ? (byte)value[0]
            : throw new ConnectorConfigurationException($"Option '{option}' must be one ASCII character (or tab, comma, semicolon, pipe), got '{text}'.");
    }
}
