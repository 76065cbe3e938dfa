using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Collection;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>The CSV collection page's use case: the Admin role as the database holds it now, one audit event in the Admin's name.</summary>
public sealed class CsvCollectionPageUseCaseTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    private static CsvCollectionInput BrainwaveFiles()
    {
        Stream Open(string file) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Examples", file));
        return new CsvCollectionInput(Open("windows-security.csv"), Open("windows-security.eventproperties.csv"), Open("windows-security.mapping.csv"),
            "windows-security.csv");
    }

    private async Task<(int Events, List<AuditEvent> Audits)> StoredAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var events = await db.AuditEvents.CountAsync(e => e.Family != PortalAuditLog.Family);
        var audits = await db.AuditEvents.AsNoTracking().Where(e => e.Code == "CsvCollected").ToListAsync();
        return (events, audits);
    }

    [Fact]
    public async Task An_admin_collects_the_files_and_the_collection_is_audited_in_the_admins_name()
    {
        const string email = "csv.admin@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Admin);

        var report = await portal.Services.GetRequiredService<CollectCsvFiles>().HandleAsync(Principals.Admin(email), BrainwaveFiles(), atomic: false);

        Assert.Null(report.Error);
        Assert.True(report.Stored >= 4);
        var (events, audits) = await StoredAsync();
        Assert.Equal(report.Stored, events);
        var audit = Assert.Single(audits);
        Assert.Equal((email, "windows-security.csv", AuditEventStatus.Success), (audit.Login, audit.TargetName, audit.Status));
    }

    [Fact]
    public async Task A_session_whose_Admin_role_the_database_no_longer_holds_is_refused_and_nothing_is_stored()
    {
        const string email = "csv.demoted@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Admin);
        await portal.RemoveRoleAsync(email, PortalRoles.Admin);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            portal.Services.GetRequiredService<CollectCsvFiles>().HandleAsync(Principals.Admin(email), BrainwaveFiles(), atomic: false));

        Assert.Equal("Only an Admin may collect CSV logs.", refused.Message);
        var (events, audits) = await StoredAsync();
        Assert.Equal(0, events);
        Assert.Empty(audits);
    }

    [Fact]
    public async Task A_collection_that_names_a_matching_policy_runs_it_over_the_collected_events_and_an_unknown_one_stores_nothing()
    {
        var admin = Principals.Admin();
        var import = portal.Services.GetRequiredService<ImportLedgerFile>();
        await import.HandleAsync(admin, LedgerKind.Identity, Text("hrCode,fullName\nE002,John Smith\n"), "identities.csv", null);
        await import.HandleAsync(admin, LedgerKind.Account, Text("login,repository,owner\njsmith,CONTOSO,E002\n"), "accounts.csv", null);
        await portal.Services.GetRequiredService<SaveMatchingPolicy>().HandleAsync(admin, new SaveMatchingPolicyCommand("windows", null,
            [new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Pattern, DisplayMethod.IdentityFullName, Pattern: @"{domain}\{login}")]));
        var collect = portal.Services.GetRequiredService<CollectCsvFiles>();

        var unknown = await collect.HandleAsync(admin, BrainwaveFiles(), atomic: false, matchingPolicy: "nope");
        var storedAfterUnknown = (await StoredAsync()).Events;
        var report = await collect.HandleAsync(admin, BrainwaveFiles(), atomic: false, matchingPolicy: "windows");

        Assert.Equal("There is no matching policy named 'nope'. Nothing was stored.", unknown.Error);
        Assert.Equal(0, storedAfterUnknown);
        Assert.Equal(1, report.Matching!.ActorsMatched);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(["John Smith"], await db.LedgerMatches.Select(m => m.DisplayName).ToListAsync());
    }

    private static MemoryStream Text(string csv) => new(System.Text.Encoding.UTF8.GetBytes(csv));
}
