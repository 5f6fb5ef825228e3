using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Postgres.Internal.Connection;

/// <summary>
/// A table as the user named it: <c>name</c>, <c>schema.name</c>, or with double quotes for names that contain
/// dots or capitals (<c>"My Schema"."Docs.v2"</c>). Unquoted names are matched exactly first and then folded to
/// lower case, as PostgreSQL itself folds them.
/// </summary>
/// <param name="Schema">The schema, or <c>null</c> for the search path.</param>
/// <param name="Name">The table name.</param>
/// <param name="Quoted">Whether the name was double-quoted (then it is never folded).</param>
internal sealed record TableName(string? Schema, string Name, bool Quoted)
{
    public static TableName Parse(string text, string? schemaOption)
    {
        var parts = SplitQualified(text.Trim());
        switch (parts.Count)
        {
            case 1:
                return new TableName(string.IsNullOrWhiteSpace(schemaOption) ? null : schemaOption.Trim(), parts[0].Text, parts[0].Quoted);
            case 2:
                if (!string.IsNullOrWhiteSpace(schemaOption))
                {
                    throw new ConnectorConfigurationException($"The table '{text}' names a schema and the schema option names another; use one.");
                }

                return new TableName(parts[0].Text, parts[1].Text, parts[1].Quoted);
            default:
                throw new ConnectorConfigurationException($"'{text}' is not a table name; use name or schema.name (double-quote parts that contain dots).");
        }
    }

    /// <summary>A readable form for messages.</summary>
    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";

    private static List<(string Text, bool Quoted)> SplitQualified(string text)
    {
        var parts = new List<(string, bool)>();
        var i = 0;
        while (i <= text.Length)
        {
            if (i < text.Length && text[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ConnectorConfigurationException($"Unterminated quoted identifier in table name '{text}'.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            builder.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    builder.Append(text[i++]);
                }

                parts.Add((builder.ToString(), true));
            }
            else
            {
                var end = text.IndexOf('.', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                var part = text[i..end].Trim();
                if (part.Length == 0)
                {
                    throw new ConnectorConfigurationException($"Empty part in table name '{text}'.");
                }

                parts.Add((part, false));
                i = end;
            }

            if (i >= text.Length)
            {
                break;
            }

            if (text[i] != '.')
            {
                throw new ConnectorConfigurationException($"Unexpected '{text[i]}' in table name '{text}'.");
            }

            i++;
        }

        return parts;
    }
}
