using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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

    /// <summary>The portal's clock: the system's until a test moves it.</summary>
    public ShiftedClock Clock { get; } = new();

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
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
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

    /// <summary>An entity's versions in date order, as "from..to name" (dates as yyyy-MM-dd, "open" for a current one).</summary>
    public async Task<List<string>> HistoryAsync(LedgerKind kind, string key)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var versions = await db.LedgerVersions.Where(v => v.Kind == kind && v.Key == key).OrderBy(v => v.ValidFromUtc).ToListAsync();
        return [.. versions.Select(v => $"{v.ValidFromUtc:yyyy-MM-dd}..{(v.IsCurrent ? "open" : v.ValidToUtc.ToString("yyyy-MM-dd"))} {v.Name}")];
    }

    /// <summary>A group's memberships in date order, as "from..to login".</summary>
    public async Task<List<string>> MembershipsAsync(string group)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await (from m in db.LedgerGroupMembers
                          join g in db.LedgerEntities on m.GroupId equals g.Id
                          join a in db.LedgerEntities on m.AccountId equals a.Id
                          where g.Kind == LedgerKind.Group && g.Key == @group
                          select new { m.ValidFromUtc, m.ValidToUtc, a.Key }).ToListAsync();
        return [.. rows.OrderBy(r => r.ValidFromUtc).ThenBy(r => r.Key)
            .Select(r => $"{r.ValidFromUtc:yyyy-MM-dd}..{(r.ValidToUtc >= LedgerVersion.Open.AddMilliseconds(-1) ? "open" : r.ValidToUtc.ToString("yyyy-MM-dd"))} {r.Key}")];
    }
}
