namespace Ferry.Plugins.Postgres.Internal.Connection;

/// <summary>What the connector learned about the server when it first connected.</summary>
/// <param name="Version">The <c>version()</c> string.</param>
/// <param name="VersionNumber">The <c>server_version_num</c> setting (e.g. 150004).</param>
/// <param name="IsPglite">
/// True for PGlite (PostgreSQL compiled to WebAssembly behind a socket server): it runs one backend for every
/// client connection, so commands must not overlap, and it does not accept <c>COPY … FROM STDIN</c>.
/// </param>
/// <param name="VectorVersion">The installed pgvector version, or <c>null</c> when the extension is not created.</param>
internal sealed record ServerInfo(string Version, int VersionNumber, bool IsPglite, string? VectorVersion)
{
    /// <summary>Whether pgvector is installed in the database.</summary>
    public bool HasVector => VectorVersion is not null;
}
