using System.Data.Common;
using System.Reflection;
using AdminPortal.Core.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Data;

/// <summary>
/// Brings a database to the model at start: a database made by the hand-written migrations of earlier releases is first
/// adopted as the tool-made <see cref="Baseline"/>, then EF applies what is pending. The adoption is the "squashing"
/// that EF's docs describe for a deployed database (finish the old migrations, delete their history rows, record the
/// new initial migration as applied since its tables are there), done by the portal itself so that no operator runs SQL.
/// </summary>
public static class PortalMigrations
{
    /// <summary>The hand-written migrations, oldest first, as their ids stand in the history of the databases they made.</summary>
    internal static readonly IReadOnlyList<string> HandWritten =
    [
        "20261122000000_Initial",
        "20261122010000_AuditLogStore",
        "20261122020000_StorageIntegrations",
        "20261122025000_DeferredSearchIndex",
        "20261122030000_Notifications",
        "20261122040000_ScheduledExports",
        "20261122050000_AuditEventHours",
        "20261123000000_SearchIndexFile",
        "20261123010000_WriterCountsHours",
    ];

    /// <summary>
    /// The oldest hand-written state adopted: the last release's. The two migrations after it only dropped objects (the
    /// in-database full-text index, the hours insert trigger), which the adoption drops too; anything older would need
    /// tables and data moves that only the old migrations knew.
    /// </summary>
    internal const string OldestAdopted = "20261122050000_AuditEventHours";

    /// <summary>What the hand-written migrations after <see cref="OldestAdopted"/> did, written to run on any state since.</summary>
    private static readonly string[] FinishHandWritten =
    [
        // SearchIndexFile: the full-text index lives in a file of its own (AuditLogs/SearchIndex), rebuilt in the background.
        """DROP TRIGGER IF EXISTS "AuditEvents_fts_delete";""",
        """DROP TRIGGER IF EXISTS "AuditEvents_fts_update";""",
        """DROP TABLE IF EXISTS "AuditEventsFts";""",
        """DROP TABLE IF EXISTS "AuditEventsFtsWatermark";""",
        // WriterCountsHours: AuditEventWriter counts the hours of what it stores.
        """DROP TRIGGER IF EXISTS "AuditEvents_hours_insert";""",
    ];

    public static string BaselineId { get; } = typeof(Baseline).GetCustomAttribute<MigrationAttribute>()!.Id;

    public static async Task MigrateAsync(PortalDbContext db, ILogger logger, CancellationToken ct = default)
    {
        // The hand-written releases only ever made SQLite files: a PostgreSQL database starts at its own baseline.
        if (db.Database.IsSqlite())
        {
            await AdoptHandWrittenHistoryAsync(db, logger, ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    private static async Task AdoptHandWrittenHistoryAsync(PortalDbContext db, ILogger logger, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await ScalarAsync(connection, null, """SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'""", ct) == 0)
            {
                return;
            }

            // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): a second portal starting on the same file waits here and
            // then finds the history already adopted.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var applied = new List<string>();
            await using (var command = Command(connection, transaction, """SELECT "MigrationId" FROM "__EFMigrationsHistory" """))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var handWritten = applied.Where(HandWritten.Contains).ToList();
            if (handWritten.Count == 0)
            {
                return;
            }

            var newest = handWritten.Max(StringComparer.Ordinal)!;
            if (string.CompareOrdinal(newest, OldestAdopted) < 0)
            {
                throw new InvalidOperationException(
                    $"The database was last migrated by a development build older than the last release (its newest migration is {newest}; " +
                    $"this version adopts {OldestAdopted} or later). Start that release on it once, then this version.");
            }

            foreach (var sql in FinishHandWritten)
            {
                await ExecuteAsync(connection, transaction, sql, ct);
            }

            foreach (var id in handWritten)
            {
                await ExecuteAsync(connection, transaction, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = $id""", ct, ("$id", id));
            }

            await ExecuteAsync(connection, transaction,
                """INSERT OR IGNORE INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ($id, $version)""", ct,
                ("$id", BaselineId), ("$version", ProductInfo.GetVersion()));
            await transaction.CommitAsync(ct);
            logger.LogInformation("Adopted a database of the hand-written migrations (last {LastMigration}) as {Baseline}", newest, BaselineId);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
