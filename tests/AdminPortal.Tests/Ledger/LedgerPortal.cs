using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Ledger;

/// <summary>
/// A portal of its own per test on one provider: a ledger import is a snapshot of a whole kind, so two tests sharing a
/// database would end each other's entities. Helpers go through the real use cases as an Admin.
/// </summary>
public sealed class LedgerPortal(DatabaseProvider provider) : PortalFactory
{
    public DatabaseProvider Provider { get; } = provider;

    public static async Task<LedgerPortal> StartAsync(DatabaseProvider provider)
    {
        var portal = new LedgerPortal(provider);
        await portal.UseProviderAsync(provider);
        _ = portal.Services;
        return portal;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The tests' events are dated November 2026, older than the default 30 days: retention must not take them midway.
        builder.UseSetting("Retention:Days", "36500");
    }

    public static DateTime Day(int day, int hour = 0) => new(2026, 11, day, hour, 0, 0, DateTimeKind.Utc);

    public async Task<LedgerImportReport> ImportAsync(LedgerKind kind, string csv, DateTime? takenAt = null)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Services.GetRequiredService<ImportLedgerFile>().HandleAsync(Principals.Admin(), kind, stream, kind + ".csv", takenAt);
    }

    public async Task ImportOkAsync(LedgerKind kind, string csv, DateTime? takenAt = null)
    {
        var report = await ImportAsync(kind, csv, takenAt);
        Assert.True(report.Error is null, report.Error + " " + string.Join(" | ", report.Rejections));
    }

    public static AuditEvent Event(string id, DateTime time, string login, string repository = "ad",
        AuditTargetType? targetType = null, string? targetName = null, string? targetParent = null, string? secondTarget = null) => new()
    {
        EventId = id, EventTimeUtc = time, IngestedAtUtc = time, Datasource = "windows", Family = "directory", Login = login,
        Repository = repository, Code = "4624", CodeLabel = "Logon", Action = "logon", TargetType = targetType, TargetName = targetName,
        TargetParent = targetParent, SecondTarget = secondTarget,
    };

    public async Task StoreAsync(params AuditEvent[] events) => await Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);

    public async Task SavePolicyAsync(string name, params MatchingRuleInput[] rules)
    {
        var saved = await Services.GetRequiredService<SaveMatchingPolicy>().HandleAsync(Principals.Admin(), new SaveMatchingPolicyCommand(name, null, rules));
        Assert.True(saved.Succeeded, string.Join(" ", saved.AllMessages));
    }

    public async Task<MatchingRunReport> RunAsync(string policy, DateTime? from = null, DateTime? to = null)
    {
        var ran = await Services.GetRequiredService<RunMatchingPolicy>().HandleAsync(Principals.Admin(), policy, from, to);
        Assert.True(ran.Succeeded, string.Join(" ", ran.AllMessages));
        return ran.Value!;
    }

    /// <summary>The row id of the event of that event id.</summary>
    public async Task<long> RowIdAsync(string eventId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.EventId == eventId).Select(e => e.Id).SingleAsync();
    }

    /// <summary>The match of one slot of the event, or null.</summary>
    public async Task<EventMatch?> MatchAsync(string eventId, int slot = LedgerMatch.ActorSlot)
    {
        var matches = await Services.GetRequiredService<LedgerQueries>().MatchesOfEventsAsync(Principals.Admin(), [await RowIdAsync(eventId)]);
        return matches.SingleOrDefault(m => m.Slot == slot);
    }

    /// <summary>The display name of one slot's match, or null when it matched nothing.</summary>
    public async Task<string?> ShownAsync(string eventId, int slot = LedgerMatch.ActorSlot) => (await MatchAsync(eventId, slot))?.DisplayName;

    /// <summary>The portal's own audit events of one code, as (actor, target, success).</summary>
    public async Task<List<(string Login, string? Target, bool Success)>> AuditedAsync(string code)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.AuditEvents.Where(e => e.Family == "adminportal" && e.Code == code).OrderBy(e => e.Id).ToListAsync();
        return [.. rows.Select(e => (e.Login, e.TargetName, e.Status == AuditEventStatus.Success))];
    }

    /// <summary>The ledger's entity id of a key (the first version's).</summary>
    public async Task<long> EntityIdAsync(LedgerKind kind, string key)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.LedgerEntities.Where(e => e.Kind == kind && e.Key == key).Select(e => e.Id).SingleAsync();
    }
}
