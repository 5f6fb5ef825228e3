using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Connection;

/// <summary>
/// Where to connect and what to read or write, from a <c>postgres://user@host:port/db?table=…</c> location and
/// its options (URI query merged with the job's options; the job's win). The password never comes from the
/// location: it is read from the environment variable <c>PGPASSWORD</c>, or the one named by <c>password_env</c>.
/// </summary>
internal sealed class PostgresSettings
{
    public const int DefaultPort = 5432;
    public const string DefaultPasswordVariable = "PGPASSWORD";
    public const int DefaultConnectTimeoutSeconds = 15;
    public const int DefaultCommandTimeoutSeconds = 300;
    public const int DefaultPoolSize = 8;

    private PostgresSettings(ConnectorOptions options, NpgsqlConnectionStringBuilder connection, TableName table, string endpoint)
    {
        Options = options;
        Connection = connection;
        Table = table;
        Endpoint = endpoint;
    }

    /// <summary>The merged options (URI query and job options).</summary>
    public ConnectorOptions Options { get; }

    /// <summary>The Npgsql connection settings, password included.</summary>
    public NpgsqlConnectionStringBuilder Connection { get; }

    /// <summary>The table, as the user named it.</summary>
    public TableName Table { get; }

    /// <summary><c>host:port/database</c>, for messages and for sharing one gate per server.</summary>
    public string Endpoint { get; }

    /// <summary>Parses the location and options; throws <see cref="ConnectorConfigurationException"/> for bad ones.</summary>
    public static PostgresSettings Parse(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.Uri;
        if (uri is null || uri.Scheme is not ("postgres" or "postgresql" or "pgvector"))
        {
            throw new ConnectorConfigurationException(
                $"'{context.Location}' is not a PostgreSQL location; expected postgres://user@host:port/database?table=name.");
        }

        var options = MergeQuery(uri, context.Options);
        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ConnectorConfigurationException(
                "Put the PostgreSQL password in the PGPASSWORD environment variable (or the one named by the password_env option), not in the location: command lines end up in shell history and process lists.");
        }

        if (user.Length == 0)
        {
            user = context.GetSecret("PGUSER") ?? "postgres";
        }

        var host = uri.IdnHost.Length > 0 ? uri.IdnHost : "localhost";
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0)
        {
            // libpq's rule: the database defaults to the user name.
            database = user;
        }

        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw new ConnectorConfigurationException($"'{context.Location}': the path must be just the database name; name the table with ?table=.");
        }

        var tableOption = options.Get("table");
        if (string.IsNullOrWhiteSpace(tableOption))
        {
            throw new ConnectorConfigurationException($"'{context.Location}': name the table with ?table=name or ?table=schema.name.");
        }

        var table = TableName.Parse(tableOption, options.Get("schema"));
        var passwordVariable = options.GetString("password_env", DefaultPasswordVariable);
        var password = context.GetSecret(passwordVariable);

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Database = database,
            Username = user,
            Password = password,
            ApplicationName = "ferry",
            Timeout = Positive(options, "connect_timeout", DefaultConnectTimeoutSeconds),
            CommandTimeout = Positive(options, "command_timeout", DefaultCommandTimeoutSeconds),
            MaxPoolSize = Positive(options, "pool_size", DefaultPoolSize),
            IncludeErrorDetail = true,
        };
        var sslMode = options.Get("sslmode");
        if (sslMode is not null)
        {
            builder.SslMode = Enum.TryParse<SslMode>(sslMode.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode)
                ? mode
                : throw new ConnectorConfigurationException($"Option 'sslmode' must be one of {string.Join(", ", Enum.GetNames<SslMode>())}, got '{sslMode}'.");
        }

        return new PostgresSettings(options, builder, table, string.Create(CultureInfo.InvariantCulture, $"{host}:{port}/{database}"));
    }

    /// <summary>A comma-separated option as a list (empty when absent).</summary>
    public IReadOnlyList<string> GetList(string name)
    {
        var raw = Options.Get(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var parts = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts;
    }

    private static int Positive(ConnectorOptions options, string name, int defaultValue)
    {
        var value = options.GetInt32(name, defaultValue);
        return value > 0 ? value : throw new ConnectorConfigurationException($"Option '{name}' must be a positive integer, got {value}.");
    }

    private static ConnectorOptions MergeQuery(Uri uri, ConnectorOptions options)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return options;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? part : part[..equals]).Replace('+', ' '));
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '));
            pairs.Add(new(key, value));
        }

        // Job options come last so that they win over the query.
        pairs.AddRange(options.Values);
        return new ConnectorOptions(pairs);
    }
}
