using Microsoft.Data.Sqlite;

namespace AdminPortal.Core.Data;

/// <summary>Where the portal keeps its data. SQLite needs nothing installed.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite file; a relative path is taken from the directory the portal was started in.</summary>
    public string Path { get; set; } = "data/adminportal.db";

    public string FullPath => System.IO.Path.GetFullPath(Path);

    public string ConnectionString(bool create = true) => new SqliteConnectionStringBuilder
    {
        DataSource = FullPath,
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = create,
        DefaultTimeout = 30,
    }.ToString();
}
