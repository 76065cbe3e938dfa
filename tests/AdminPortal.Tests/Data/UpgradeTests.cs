using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Tests.AuditLogs;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

/// <summary>A database of the release before the search index had a file of its own and the writer counted the hours.</summary>
public sealed class UpgradeTests : IDisposable
{
    private const string LastReleaseMigration = "20261122050000_AuditEventHours";

    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Events_of_the_last_release_stay_searchable_and_every_event_is_counted_in_its_hour_once()
    {
        var now = DateTime.UtcNow;
        await CreateLastReleaseDatabaseAsync(AuditEventWriter.ToUnixMs(now.AddMinutes(-30)));

        _ = portal.Services; // the portal migrates the file as it starts
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync([AuditStoreTests.Event("new-1", now.AddMinutes(-10), login: "olivia@corp.example")]);
        await portal.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();

        var reader = portal.Services.GetRequiredService<AuditEventReader>();
        Assert.Equal(2, (await reader.PageAsync(new AuditQuery { Search = "olivia" })).Total);
        Assert.Equal(1, (await reader.PageAsync(new AuditQuery { Search = "oscar" })).Total);
        var (from, to) = (now.AddHours(-3), now.AddMinutes(1));
        var counted = await reader.HistogramAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.IsNotEmpty, null)] }, from, to);
        Assert.Equal(counted, await reader.HistogramAsync(new AuditQuery(), from, to));
        Assert.Empty(await MasterRowsAsync("name LIKE 'AuditEventsFts%' OR name = 'AuditEvents_hours_insert'"));
    }

    /// <summary>The last release's schema with two events its writer stored and its indexer indexed inside the database.</summary>
    private async Task CreateLastReleaseDatabaseAsync(long eventTimeMs)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connection)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(LastReleaseMigration);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "AuditEvents" ("EventId", "EventTimeUtc", "IngestedAtUtc", "Datasource", "Family", "Login", "Repository", "Code", "CodeLabel", "Action", "Count")
            VALUES ('old-1', $t, $t, 'snowflake', 'database', 'olivia@corp.example', 'prod', 'QUERY', 'Query executed', 'select', 1),
                   ('old-2', $t, $t, 'snowflake', 'database', 'oscar@corp.example', 'prod', 'QUERY', 'Query executed', 'select', 1);
            INSERT INTO "AuditEventsFts" (rowid, "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload")
                SELECT "Id", "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload" FROM "AuditEvents";
            UPDATE "AuditEventsFtsWatermark" SET "IndexedUpToId" = (SELECT max("Id") FROM "AuditEvents");
            """;
        command.Parameters.AddWithValue("$t", eventTimeMs);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> MasterRowsAsync(string where)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM sqlite_master WHERE {where}";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public void Dispose() => portal.Dispose();
}
