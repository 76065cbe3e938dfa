using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Collection;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>
/// The audit-event write side without the HTTP host: what ingestion and the portal's own audit rely on from
/// <see cref="AuditEventWriter"/>, on each provider (<see cref="SqliteAuditWriteStoreTests"/>,
/// <see cref="PostgreSqlAuditWriteStoreTests"/>).
/// </summary>
public abstract class AuditWriteStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected static readonly DateTime Ten = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    protected TestDatabase Database { get; private set; } = null!;

    protected AuditEventWriter Writer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await using (var db = Database.NewContext())
        {
            await PortalMigrations.MigrateAsync(db, NullLogger.Instance);
        }

        Writer = new AuditEventWriter(Microsoft.Extensions.Options.Options.Create(Database.Options()), TimeProvider.System, new AuditWriteGate());
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected static AuditEvent Event(string id, DateTime time, string? payload = null) => AuditStoreTests.Event(id, time, payload: payload);

    protected async Task<List<string>> StoredIdsAsync()
    {
        await using var db = Database.NewContext();
        return await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync();
    }

    protected async Task<Dictionary<DateTime, long>> HoursAsync()
    {
        await using var db = Database.NewContext();
        var rows = await db.Database
            .SqlQueryRaw<HourCount>("SELECT \"HourUtc\" AS \"Hour\", \"Events\" AS \"Events\" FROM \"AuditEventHours\" WHERE \"Events\" <> 0")
            .ToListAsync();
        return rows.ToDictionary(r => DateTimeOffset.FromUnixTimeMilliseconds(r.Hour).UtcDateTime, r => r.Events);
    }

    protected sealed record HourCount(long Hour, long Events);

    [Fact]
    public async Task A_batch_larger_than_a_statement_is_stored_whole_in_the_order_sent()
    {
        var events = Enumerable.Range(0, 250).Select(i => Event($"batch-{i:D3}", Ten.AddSeconds(i))).Reverse().ToList();

        var result = await Writer.StoreAsync(events);

        Assert.Equal(250, result.Stored);
        Assert.Empty(result.Duplicates);
        Assert.Equal(events.Select(e => e.EventId), await StoredIdsAsync());
    }

    [Fact]
    public async Task Duplicates_within_a_batch_and_across_batches_are_counted_and_the_first_one_is_kept()
    {
        var first = await Writer.StoreAsync([Event("dup-a", Ten, "first"), Event("dup-b", Ten), Event("dup-a", Ten, "second")]);
        var second = await Writer.StoreAsync([Event("dup-b", Ten), Event("dup-c", Ten)]);

        Assert.Equal(2, first.Stored);
        Assert.Equal(["dup-a"], first.Duplicates);
        Assert.Equal(1, second.Stored);
        Assert.Equal(["dup-b"], second.Duplicates);
        Assert.Equal(["dup-a", "dup-b", "dup-c"], await StoredIdsAsync());
        await using var db = Database.NewContext();
        Assert.Equal("first", (await db.AuditEvents.SingleAsync(e => e.EventId == "dup-a")).Payload);
    }

    [Fact]
    public async Task Ids_repeated_across_the_chunks_of_one_session_are_duplicates()
    {
        await using (var session = await Writer.BeginAsync())
        {
            await session.WriteAsync(Enumerable.Range(0, 40).Select(i => Event($"chunk-{i}", Ten)).ToList());
            await session.WriteAsync(Enumerable.Range(30, 40).Select(i => Event($"chunk-{i}", Ten)).ToList());
            await session.CommitAsync();
            Assert.Equal((70, 10), (session.Stored, session.Duplicates));
        }

        Assert.Equal(70, (await StoredIdsAsync()).Count);
    }

    [Fact]
    public async Task A_session_disposed_without_commit_stores_nothing_and_claims_no_id()
    {
        await using (var session = await Writer.BeginAsync())
        {
            await session.WriteAsync(Enumerable.Range(0, 40).Select(i => Event($"gone-{i}", Ten)).ToList());
            await session.WriteAsync([Event("gone-x", Ten)]);
        }

        Assert.Empty(await StoredIdsAsync());
        Assert.Empty(await HoursAsync());
        Assert.Equal(1, (await Writer.StoreAsync([Event("gone-1", Ten)])).Stored);
    }

    [Fact]
    public async Task An_atomic_batch_with_a_rejected_line_stores_nothing()
    {
        var ingestion = new AuditIngestion(new AuditEventParser(), new CsvCollector(), Writer);
        var ndjson = string.Join("\n", Normalized("atomic-1"), Normalized("atomic-2"), "{\"eventId\":\"atomic-3\"}");

        var report = await ingestion.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), AuditBatchFormat.Ndjson, atomic: true);

        Assert.False(report.Succeeded);
        Assert.Equal(1, report.Rejected);
        Assert.Empty(await StoredIdsAsync());
        Assert.Empty(await HoursAsync());
    }

    [Fact]
    public async Task A_batch_with_rejected_lines_stores_the_others_and_counts_the_already_stored_as_duplicates()
    {
        var ingestion = new AuditIngestion(new AuditEventParser(), new CsvCollector(), Writer);
        await Writer.StoreAsync([Event("line-1", Ten)]);
        var ndjson = string.Join("\n", Normalized("line-1"), Normalized("line-2"), Normalized("line-2"), "{\"eventId\":\"line-3\"}");

        var report = await ingestion.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), AuditBatchFormat.Ndjson, atomic: false);

        // The repeated line-2 is the parser's to reject (an id twice in one batch); line-1 was stored before.
        Assert.Equal((4, 1, 1, 2), (report.Received, report.Stored, report.Duplicates, report.Rejected));
        Assert.Equal(["line-1", "line-2"], await StoredIdsAsync());
    }

    [Fact]
    public async Task A_line_with_a_NUL_is_rejected_and_the_other_lines_are_stored()
    {
        // PostgreSQL refuses U+0000 in text (22021): before this rule the whole batch failed there.
        var ingestion = new AuditIngestion(new AuditEventParser(), new CsvCollector(), Writer);
        var nul = Normalized("nul-2").Replace("alice@corp", "alice\\u0000@corp", StringComparison.Ordinal);
        Assert.Contains("\\u0000", nul);
        var ndjson = string.Join("\n", Normalized("nul-1"), nul, Normalized("nul-3"));

        var report = await ingestion.IngestAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), AuditBatchFormat.Ndjson, atomic: false);

        Assert.Equal((3, 2, 1), (report.Received, report.Stored, report.Rejected));
        Assert.Equal(["nul-1", "nul-3"], await StoredIdsAsync());
    }

    [Fact]
    public async Task A_typed_NUL_in_a_portal_audit_event_is_stored_as_a_replacement_character()
    {
        // The e-mail of a failed sign-in is whatever was typed into the form.
        var audit = new PortalAuditLog(Writer, TimeProvider.System);

        await audit.WriteAsync(SecurityEventKind.SignInFailed, false, "eve\0@corp.example", "eve\0@corp.example", "10.0.0.9", "typed\0");

        await using var db = Database.NewContext();
        var stored = await db.AuditEvents.SingleAsync();
        Assert.Equal(("eve\uFFFD@corp.example", "eve\uFFFD@corp.example", "typed\uFFFD"), (stored.Login, stored.TargetName, stored.Payload));
    }

    [Fact]
    public async Task The_hours_count_the_stored_events_and_not_the_duplicates()
    {
        await Writer.StoreAsync([Event("h-1", Ten.AddMinutes(5)), Event("h-2", Ten.AddMinutes(59).AddSeconds(59)), Event("h-3", Ten.AddHours(1))]);
        await Writer.StoreAsync([Event("h-1", Ten.AddMinutes(5)), Event("h-4", Ten.AddHours(1).AddMinutes(30)), Event("h-4", Ten.AddHours(1))]);

        Assert.Equal(new Dictionary<DateTime, long> { [Ten] = 2, [Ten.AddHours(1)] = 2 }, await HoursAsync());
    }

    private static string Normalized(string id) =>
        $$"""{"eventId":"{{id}}","eventTime":"2026-11-20T10:00:00Z","datasource":"snowflake","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success","targetType":"asset","targetName":"SALES.ORDERS"}""";
}
