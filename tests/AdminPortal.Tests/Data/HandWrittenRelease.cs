using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

/// <summary>
/// A database as the hand-written migrations of earlier releases left it. Their SQL is kept as test data in
/// HandWrittenReleases/: the last release's schema read from the sqlite_master of a database those migrations made (with
/// the rows they wrote), and the SQL of the two migrations after it.
/// </summary>
internal static class HandWrittenRelease
{
    /// <summary>The last release: the full-text index still inside the database, the hours counted by an insert trigger.</summary>
    public const string LastRelease = "20261122050000_AuditEventHours";

    /// <summary>The last hand-written migration.</summary>
    public const string LastHandWritten = "20261123010000_WriterCountsHours";

    /// <summary>The last release's schema, then the SQL of each hand-written migration after it up to <paramref name="lastMigration"/>.</summary>
    public static async Task CreateAsync(string path, string lastMigration)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        foreach (var step in new[] { LastRelease, LastHandWritten }.Where(step => string.CompareOrdinal(step, lastMigration) <= 0))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "HandWrittenReleases", step + ".sql"));
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A context on the file that neither migrates nor checks the model: the tables it writes are the model's.</summary>
    public static PortalDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);
}
