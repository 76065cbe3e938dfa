using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Layout;

namespace AdminPortal.Web.Tests.Layout;

public sealed class NavMenuTests : PortalComponentContext
{
    [Fact]
    public void An_admin_finds_General_Settings_under_Administration_and_Account()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.test");
        auth.SetRoles(PortalRoles.Admin);
        auth.SetPolicies(Policies.Admin, Policies.AuditLogs);

        var nav = Render<NavMenu>();

        Assert.Contains("Administration", nav.Markup);
        Assert.Contains("Account", nav.Markup);
        var links = nav.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal(PortalUrls.Settings, links["General Settings"]);
        Assert.Equal(PortalUrls.Users, links["Users"]);
        Assert.Equal(PortalUrls.CsvCollection, links["CSV collection"]);
        Assert.Equal(PortalUrls.AuditLogs, links["Audit Logs"]);
        Assert.Equal(PortalUrls.Ledger, links["Identity ledger"]);
        Assert.Equal(PortalUrls.MatchingPolicies, links["Matching policies"]);
    }

    [Fact]
    public void An_auditor_sees_the_audit_log_pages_and_no_Administration()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("auditor@example.test");
        auth.SetRoles(PortalRoles.Auditor);
        auth.SetPolicies(Policies.AuditLogs);

        var nav = Render<NavMenu>();

        Assert.DoesNotContain("Administration", nav.Markup);
        Assert.DoesNotContain("General Settings", nav.Markup);
        var links = nav.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Audit Logs", "Workbooks", "API tokens"], links);
    }
}
