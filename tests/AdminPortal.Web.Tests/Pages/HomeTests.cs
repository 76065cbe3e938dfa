using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Pages;

public sealed class HomeTests : CorePortalContext
{
    [Fact]
    public async Task An_admin_sees_the_events_of_the_last_24_hours_and_the_integrations_that_need_attention()
    {
        await SignInAsAsync("admin@example.test", PortalRoles.Admin);
        var now = DateTime.UtcNow;
        // The portal records its own events too (the bootstrapped Admin's creation): they count beside the seeded ones.
        var recorded = await RecordedSinceAsync(now.AddHours(-24));
        var events = new DemoDataGenerator().Generate(120, now, days: 2).ToList();
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
        await AddIntegrationAsync("s3_never_tested", lastTestStatus: null, failures: 0);
        await AddIntegrationAsync("s3_healthy", CloudStorage.ConnectionTestResult.SuccessStatus, failures: 0);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=overview-integrations]")));
        var last24 = recorded + events.Count(e => e.EventTimeUtc >= now.AddHours(-24));
        Assert.Equal(last24.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), home.Find("[data-testid=events-24h]").TextContent);
        Assert.Equal("1", home.Find("[data-testid=integrations-attention]").TextContent);
        var health = home.FindAll("[data-testid=integration-health]").Select(r => r.TextContent).ToList();
        Assert.Contains(health, r => r.Contains("s3_never_tested") && r.Contains("Not tested"));
        Assert.Contains(health, r => r.Contains("s3_healthy") && r.Contains("Healthy"));
        Assert.NotEmpty(home.FindAll("[data-testid=overview-exports]"));
    }

    [Fact]
    public async Task An_auditor_sees_events_and_exports_but_no_integrations()
    {
        await SignInAsAsync("auditor@example.test", PortalRoles.Auditor);
        await AddIntegrationAsync("s3_never_tested", lastTestStatus: null, failures: 0);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=overview-events]")));
        Assert.NotEmpty(home.FindAll("[data-testid=overview-exports]"));
        Assert.Empty(home.FindAll("[data-testid=overview-integrations]"));
        Assert.DoesNotContain("s3_never_tested", home.Markup);
        Assert.Contains("(Auditor)", home.Find("[data-testid=welcome]").TextContent);
    }

    [Fact]
    public async Task A_user_whose_role_was_taken_away_sees_no_figures()
    {
        // Signed in as an Admin (the principal's claim), but the database no longer gives the account a role.
        await SignInAsAsync("former.admin@example.test", null);
        Auth.SetRoles(PortalRoles.Admin);
        Auth.SetPolicies(Policies.Admin, Policies.AuditLogs);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=welcome]")));
        Assert.Empty(home.FindAll("[data-testid=overview-events]"));
        Assert.Empty(home.FindAll("[data-testid=overview-exports]"));
        Assert.Empty(home.FindAll("[data-testid=overview-integrations]"));
    }

    private async Task<int> RecordedSinceAsync(DateTime sinceUtc)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.EventTimeUtc >= sinceUtc);
    }

    private async Task AddIntegrationAsync(string name, string? lastTestStatus, int failures)
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        db.StorageIntegrations.Add(new StorageIntegration
        {
            Id = Guid.NewGuid(),
            Name = name,
            Cloud = IntegrationCloud.Aws,
            AuthMethod = IntegrationAuthMethod.AwsRole,
            Bucket = "audit-exports",
            LastTestStatus = lastTestStatus,
            ConsecutiveFailures = failures,
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
            CreatedBy = "admin@example.test",
        });
        await db.SaveChangesAsync();
    }
}
