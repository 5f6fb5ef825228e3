using System.Text;

namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>SQL text helpers: identifiers are always quoted (names keep their case and may be keywords).</summary>
internal static class Sql
{
    /// <summary>The longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes); longer ones are truncated by the server.</summary>
    public const int MaxIdentifierBytes = 63;

    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal (standard_conforming_strings is on in every supported server).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Whether a name can be a column name as is (not empty, no NUL, fits without truncation).</summary>
    public static bool IsUsableIdentifier(string name) =>
        name.Length > 0 && !name.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(name) <= MaxIdentifierBytes;
}
