using Npgsql;
using NpgsqlTypes;
using static AdminPortal.Core.AuditLogs.AuditEventWriter;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// <see cref="IAuditWriteSession"/> on PostgreSQL (migration AuditEventsPartitioned). Each chunk goes by binary COPY into
/// a temporary table dropped at commit; one statement then claims the chunk's event ids in AuditEventIds (ON CONFLICT DO
/// NOTHING RETURNING: the ids that are new), moves the first row of each new id into the partitioned events table and
/// returns what the hours' counts need. Everything stays in the session's transaction, so a batch disposed without
/// commit (atomic mode with a rejected line) leaves nothing behind, and a re-sent id counts as a duplicate as on SQLite.
/// </summary>
public sealed class PostgreSqlAuditWriteSession : IAuditWriteSession
{
    // RawJson as text: Npgsql writes a string, not the received bytes, into a text column.
    private static readonly Func<AuditEvent, object?>[] PgGetters = Columns.Select(Getter).ToArray();

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => "\"" + c + "\""));

    // The incoming rows with their place in the batch ("Ord"): of the same id sent twice, the first is kept, as SQLite's
    // INSERT OR IGNORE keeps it, and new rows get their ids in the order sent.
    private static readonly string CreateIncomingSql =
        $"CREATE TEMP TABLE \"AuditIncoming\" ON COMMIT DROP AS SELECT 0 AS \"Ord\", {ColumnList} FROM \"AuditEvents\" WITH NO DATA";

    private static readonly string CopySql = $"COPY \"AuditIncoming\" (\"Ord\", {ColumnList}) FROM STDIN (FORMAT BINARY)";

    // Ids claimed in their sort order: two writers claiming overlapping ids wait for each other instead of deadlocking.
    private static string MoveSql(bool returnIds) => $"""
        WITH fresh AS (
            INSERT INTO "AuditEventIds" ("EventId") SELECT "EventId" FROM "AuditIncoming" ORDER BY "EventId"
            ON CONFLICT DO NOTHING RETURNING "EventId"),
        firsts AS (
            SELECT DISTINCT ON (i."EventId") i.* FROM "AuditIncoming" i JOIN fresh f ON f."EventId" = i."EventId"
            ORDER BY i."EventId", i."Ord"),
        moved AS (
            INSERT INTO "AuditEvents" ({ColumnList}) SELECT {ColumnList} FROM firsts ORDER BY "Ord"
            RETURNING "EventId", "EventTimeUtc")
        {(returnIds
            ? "SELECT \"EventId\", \"EventTimeUtc\" / 3600000 * 3600000 FROM moved"
            : "SELECT '', \"EventTimeUtc\" / 3600000 * 3600000 FROM moved")}
        """;

    private static readonly string MoveCountingSql = MoveSql(false);
    private static readonly string MoveKeepingIdsSql = MoveSql(true);

    private const string AddHoursSql = """
        INSERT INTO "AuditEventHours" ("HourUtc", "Events") SELECT * FROM unnest(@hours, @counts)
        ON CONFLICT ("HourUtc") DO UPDATE SET "Events" = "AuditEventHours"."Events" + excluded."Events"
        """;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly IDisposable gate;
    private readonly DateTime now;
    private readonly List<string>? duplicateIds;
    private readonly SortedDictionary<long, long> hours = [];

    // Months whose partition this session has made sure of (AuditEventsEnsureMonth), as the first day's Unix ms.
    private readonly HashSet<long> months = [];
    private bool incomingMade;
    private bool committed;

    private PostgreSqlAuditWriteSession(NpgsqlConnection connection, NpgsqlTransaction transaction, IDisposable gate, DateTime now, bool keepDuplicateIds)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.gate = gate;
        this.now = now;
        duplicateIds = keepDuplicateIds ? [] : null;
    }

    public System.Data.Common.DbTransaction Transaction => transaction;

    public int Stored { get; private set; }

    public int Duplicates { get; private set; }

    public IReadOnlyList<string> DuplicateIds => duplicateIds ?? [];

    /// <summary>Opens a connection and its transaction; <paramref name="gate"/> is let go when the session is disposed.</summary>
    internal static async Task<PostgreSqlAuditWriteSession> BeginAsync(
        string connectionString, IDisposable gate, DateTime now, bool keepDuplicateIds, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(ct);
            return new PostgreSqlAuditWriteSession(connection, transaction, gate, now, keepDuplicateIds);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        if (events.Count == 0)
        {
            return;
        }

        await Execute(incomingMade ? "TRUNCATE \"AuditIncoming\"" : CreateIncomingSql, ct);
        incomingMade = true;
        foreach (var e in events)
        {
            if (e.IngestedAtUtc == default)
            {
                e.IngestedAtUtc = now;
            }
            await EnsureMonthAsync(e.EventTimeUtc, ct);
        }

        await CopyAsync(events, ct);

        var fresh = duplicateIds is null ? null : new HashSet<string>(StringComparer.Ordinal);
        var stored = 0;
        await using (var move = new NpgsqlCommand(duplicateIds is null ? MoveCountingSql : MoveKeepingIdsSql, connection, transaction))
        await using (var reader = await move.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored++;
                fresh?.Add(reader.GetString(0));
                var hour = reader.GetInt64(1);
                hours[hour] = hours.GetValueOrDefault(hour) + 1;
            }
        }

        if (fresh is not null)
        {
            // The first row of each new id was stored; every other row was a duplicate.
            foreach (var e in events)
            {
                if (!fresh.Remove(e.EventId))
                {
                    duplicateIds!.Add(e.EventId);
                }
            }
        }

        Stored += stored;
        Duplicates += events.Count - stored;
    }

    private async Task CopyAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, ct);
        for (var row = 0; row < events.Count; row++)
        {
            var e = events[row];
            // Synchronous writes: they only fill the importer's buffer, and flush it when full.
            importer.StartRow();
            importer.Write(row, NpgsqlDbType.Integer);
            for (var i = 0; i < Columns.Length; i++)
            {
                switch (PgGetters[i](e))
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case string text:
                        importer.Write(text, NpgsqlDbType.Text);
                        break;
                    case long number:
                        importer.Write(number, NpgsqlDbType.Bigint);
                        break;
                    case int number:
                        importer.Write(number, NpgsqlDbType.Integer);
                        break;
                    case var other:
                        throw new InvalidOperationException($"No COPY type for {other.GetType().Name} ({Columns[i]}).");
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private async Task EnsureMonthAsync(DateTime eventTimeUtc, CancellationToken ct)
    {
        var month = ToUnixMs(new DateTime(eventTimeUtc.Year, eventTimeUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc));
        if (!months.Add(month))
        {
            return;
        }

        await using var ensure = new NpgsqlCommand("SELECT \"AuditEventsEnsureMonth\"(@at)", connection, transaction);
        ensure.Parameters.AddWithValue("at", month);
        await ensure.ExecuteNonQueryAsync(ct);
    }

    private async Task Execute(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        if (hours.Count > 0)
        {
            // In ascending hour order (a SortedDictionary): concurrent writers lock the hours' rows in the same order.
            await using var add = new NpgsqlCommand(AddHoursSql, connection, transaction);
            add.Parameters.AddWithValue("hours", hours.Keys.ToArray());
            add.Parameters.AddWithValue("counts", hours.Values.ToArray());
            await add.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        committed = true;
    }

    /// <summary>Rolls back what was not committed (closing the connection does), then lets go of the write gate.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
        finally
        {
            gate.Dispose();
        }
    }
}
