using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs;

/// <summary>The outcome of storing a batch: how many rows were new, and the event ids that were already stored.</summary>
public sealed record StoreResult(int Stored, IReadOnlyList<string> Duplicates);

/// <summary>
/// Bulk writes to AUDIT_LOGS: one transaction per batch (all or nothing), one prepared statement,
/// INSERT OR IGNORE on the unique event id so that a re-sent event is not stored twice.
/// </summary>
public sealed class AuditEventWriter(IOptions<DatabaseOptions> database, TimeProvider clock)
{
    // Every column but Id, in AuditColumns order plus RawJson: the one list the statement and the binder share.
    private static readonly string[] Columns = AuditColumns.All.Select(c => c.Name).Append(nameof(AuditEvent.RawJson)).ToArray();

    private static readonly string InsertSql =
        $"INSERT OR IGNORE INTO \"AuditEvents\" ({string.Join(", ", Columns.Select(c => "\"" + c + "\""))}) " +
        $"VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";

    public async Task<StoreResult> StoreAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return new StoreResult(0, []);
        }

        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var parameters = Columns.Select((_, i) => command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        command.Prepare();

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = 0;
        var duplicates = new List<string>();
        foreach (var e in events)
        {
            if (e.IngestedAtUtc == default)
            {
                e.IngestedAtUtc = now;
            }

            Bind(parameters, e);
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                stored++;
            }
            else
            {
                duplicates.Add(e.EventId);
            }
        }

        await transaction.CommitAsync(ct);
        return new StoreResult(stored, duplicates);
    }

    private static void Bind(SqliteParameter[] p, AuditEvent e)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            p[i].Value = ValueOf(e, Columns[i]) ?? DBNull.Value;
        }
    }

    /// <summary>A column's stored value: times as Unix milliseconds, enums by name.</summary>
    internal static object? ValueOf(AuditEvent e, string column) => column switch
    {
        nameof(AuditEvent.EventId) => e.EventId,
        nameof(AuditEvent.EventTimeUtc) => ToUnixMs(e.EventTimeUtc),
        nameof(AuditEvent.IngestedAtUtc) => ToUnixMs(e.IngestedAtUtc),
        nameof(AuditEvent.Tenant) => e.Tenant,
        nameof(AuditEvent.Datasource) => e.Datasource,
        nameof(AuditEvent.ExternalRef) => e.ExternalRef,
        nameof(AuditEvent.Family) => e.Family,
        nameof(AuditEvent.WhereSource) => e.WhereSource,
        nameof(AuditEvent.WhereDestination) => e.WhereDestination,
        nameof(AuditEvent.Login) => e.Login,
        nameof(AuditEvent.Repository) => e.Repository,
        nameof(AuditEvent.Identity) => e.Identity,
        nameof(AuditEvent.Session) => e.Session,
        nameof(AuditEvent.Category) => e.Category,
        nameof(AuditEvent.Code) => e.Code,
        nameof(AuditEvent.CodeLabel) => e.CodeLabel,
        nameof(AuditEvent.Action) => e.Action,
        nameof(AuditEvent.Payload) => e.Payload,
        nameof(AuditEvent.Status) => e.Status?.ToString(),
        nameof(AuditEvent.Count) => e.Count,
        nameof(AuditEvent.DisplayLabel) => e.DisplayLabel,
        nameof(AuditEvent.TargetType) => e.TargetType?.ToString(),
        nameof(AuditEvent.TargetName) => e.TargetName,
        nameof(AuditEvent.TargetParent) => e.TargetParent,
        nameof(AuditEvent.SecondTarget) => e.SecondTarget,
        nameof(AuditEvent.OldValue) => e.OldValue,
        nameof(AuditEvent.NewValue) => e.NewValue,
        nameof(AuditEvent.DataJson) => e.DataJson,
        nameof(AuditEvent.RawJson) => e.RawJson,
        "Custom1" => e.Custom1, "Custom2" => e.Custom2, "Custom3" => e.Custom3, "Custom4" => e.Custom4,
        "Custom5" => e.Custom5, "Custom6" => e.Custom6, "Custom7" => e.Custom7, "Custom8" => e.Custom8,
        "Custom9" => e.Custom9, "Custom10" => e.Custom10, "Custom11" => e.Custom11, "Custom12" => e.Custom12,
        "Custom13" => e.Custom13, "Custom14" => e.Custom14, "Custom15" => e.Custom15, "Custom16" => e.Custom16,
        "Custom17" => e.Custom17, "Custom18" => e.Custom18, "Custom19" => e.Custom19,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of AUDIT_LOGS."),
    };

    internal static long ToUnixMs(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
