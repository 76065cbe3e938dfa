using System.Security.Claims;
using System.Text;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Ledger;

/// <summary>A small ledger (Jane Doe with jdoe and jane.d, John Smith with jsmith) and an actor policy, through the real use cases.</summary>
public static class LedgerSeed
{
    public const string Identities = "hrCode,fullName,email\nE001,Jane Doe,jane.doe@corp.example\nE002,John Smith,john.smith@corp.example\n";

    public const string Accounts = "login,repository,owner\njdoe,ad,E001\njane.d,sap,E001\njsmith,ad,E002\n";

    public static async Task ImportAsync(IServiceProvider services, ClaimsPrincipal admin)
    {
        var import = services.GetRequiredService<ImportLedgerFile>();
        foreach (var (kind, csv) in new[] { (LedgerKind.Identity, Identities), (LedgerKind.Account, Accounts) })
        {
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var report = await import.HandleAsync(admin, kind, stream, kind + ".csv", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.True(report.Error is null, report.Error);
        }
    }

    /// <summary>One rule: the actor's login, any case, in the accounts, shown as the owner's full name.</summary>
    public static async Task MatchAsync(IServiceProvider services, ClaimsPrincipal admin)
    {
        var saved = await services.GetRequiredService<SaveMatchingPolicy>().HandleAsync(admin, new SaveMatchingPolicyCommand("accounts", null,
            [new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName)]));
        Assert.True(saved.Succeeded, string.Join(" ", saved.AllMessages));
        var ran = await services.GetRequiredService<RunMatchingPolicy>().HandleAsync(admin, "accounts", null, null);
        Assert.True(ran.Succeeded, string.Join(" ", ran.AllMessages));
    }

    public static async Task<long> EntityIdAsync(IServiceProvider services, LedgerKind kind, string key)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.LedgerEntities.Where(e => e.Kind == kind && e.Key == key).Select(e => e.Id).SingleAsync();
    }
}
