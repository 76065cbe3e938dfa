using Microsoft.Data.Sqlite;

namespace AdminPortal.Core.Data;

/// <summary>Where the portal keeps its data. SQLite needs nothing installed.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (the default: the file at <see cref="Path"/>) or PostgreSQL (ConnectionStrings:Portal).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ConnectionStrings:Portal, bound beside this section: the PostgreSQL server's (unused with Sqlite).</summary>
    public string? PortalConnectionString { get; set; }

    /// <summary>SQLite file; a relative path is taken from the directory the portal was started in.</summary>
    public string Path { get; set; } = "data/adminportal.db";

    public string FullPath => System.IO.Path.GetFullPath(Path);

    /// <summary>
    /// Size of the write-ahead log at which, under steady ingestion, the next pause between two batches copies the
    /// rest into the database and starts it over (AuditCheckpointService); the log file stays about twice this size.
    /// Each restart holds ingestion 40-60 ms (the last batch's copy and two fsyncs): at 64 MiB a tenth of the writer's
    /// time under full load, at 128 a twentieth (bench/).
    /// </summary>
    public int WalRestartMegabytes { get; set; } = 128;

    public long WalRestartBytes => WalRestartMegabytes * 1024L * 1024;

    /// <summary>
    /// How long a statement waits for another writer's lock before it fails (SQLITE_BUSY): the request then gets the
    /// "cannot save right now" page or a 503 problem, and /healthz reports Degraded for a minute.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The full-text index of AUDIT_LOGS, in a file of its own beside the database (adminportal.search.db), so that
    /// indexing never holds the database's one write lock (AuditLogs/SearchIndex). Back both files up together.
    /// </summary>
    public string SearchIndexPath => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(FullPath)!,
        System.IO.Path.GetFileNameWithoutExtension(FullPath) + ".search" + System.IO.Path.GetExtension(FullPath));

    /// <summary>What the portal's context connects to: the SQLite file, or ConnectionStrings:Portal on PostgreSQL.</summary>
    public string ContextConnectionString() =>
        Provider == DatabaseProvider.PostgreSQL ? PortalConnectionString ?? "" : ConnectionString();

    public string ConnectionString(bool create = true) => new SqliteConnectionStringBuilder
    {
        DataSource = FullPath,
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = create,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    /// <summary>
    /// The database, for connections that attach the search index (SearchIndexFile.OpenSearchingAsync). The explicit cache mode
    /// changes nothing but the text, and so gives them a pool of their own: a writer's BEGIN IMMEDIATE on a pooled
    /// connection that had the index attached would also lock the index against the indexer.
    /// </summary>
    public string SearchingConnectionString() => new SqliteConnectionStringBuilder(ConnectionString())
    {
        Cache = SqliteCacheMode.Default,
    }.ToString();
}
