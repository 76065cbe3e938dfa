using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Ledger;
using AdminPortal.Web.Components.AuditLogs;
using AdminPortal.Web.Components.Ledger;
using AdminPortal.Web.Tests.AuditLogs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Ledger;

/// <summary>The explorer over matched events: display names in the grid, the identity filter and the unmatched switch.</summary>
public sealed class ExplorerLedgerTests : ExplorerContext
{
    private long jane;

    protected override IReadOnlyList<AuditEvent> Seed() =>
    [
        Event(1, 5, "jdoe"), Event(2, 6, "jane.d"), Event(3, 7, "jsmith"), Event(4, 8, "ghost"), Event(5, 9, "JDOE"),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LedgerSeed.ImportAsync(Services, Admin);
        await LedgerSeed.MatchAsync(Services, Admin);
        jane = await LedgerSeed.EntityIdAsync(Services, LedgerKind.Identity, "E001");
    }

    private static string SeededToken => ExplorerState.EncodeFilters([Seeded])!;

    private IRenderedComponent<Components.AuditLogs.AuditLogs> Open(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/audit-logs?range=24h&f={SeededToken}{query}");
        return Render<Components.AuditLogs.AuditLogs>();
    }

    private static List<string> Logins(IRenderedComponent<Components.AuditLogs.AuditLogs> page) =>
        [.. page.FindAll("tr.event-row").Select(r => r.QuerySelectorAll("td")[3].TextContent.Trim())];

    [Fact]
    public void A_matched_login_shows_the_identity_s_name_linking_to_her_page_with_the_login_beside_it()
    {
        var grid = Render<EventsGrid>(p => p.Add(g => g.State, new ExplorerState { Range = "24h", Filters = [Seeded] }));

        grid.WaitForAssertion(() => Assert.Equal(5, grid.FindAll("tr.event-row").Count));
        var names = grid.FindAll("[data-testid=ledger-name]");
        Assert.Equal(["Jane Doe", "Jane Doe", "John Smith", "Jane Doe"], names.Select(n => n.TextContent.Trim()));
        // The name is the identity's, and so is the page it opens (not the account's).
        Assert.Equal($"/ledger/{jane}", names[0].GetAttribute("href"));
        Assert.Equal("jdoe", names[0].ParentElement!.QuerySelector(".ledger-raw")!.TextContent.Trim());
        Assert.Contains(grid.FindAll("tr.event-row"), r => r.TextContent.Contains("ghost") && r.QuerySelector("[data-testid=ledger-name]") is null);
    }

    [Fact]
    public void The_identity_in_the_address_keeps_her_events_across_her_accounts_and_names_her()
    {
        var page = Open($"&identity={jane}");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.event-row").Count));
        Assert.All(page.FindAll("tr.event-row"), r => Assert.Contains("Jane Doe", r.TextContent));
        page.WaitForAssertion(() => Assert.Contains("Events of Jane Doe", page.Find("[data-testid=identity-filter]").TextContent));
    }

    [Fact]
    public void The_actor_matched_nothing_switch_keeps_the_unmatched_events_and_goes_into_the_address()
    {
        var page = Open("");
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("tr.event-row").Count));

        LedgerImportFormTests.InputOf(page.Find("[data-testid=actor-unmatched]")).Change(true);

        page.WaitForAssertion(() => Assert.Equal(["ghost"], Logins(page)));
        page.WaitForAssertion(() => Assert.Contains("unmatched=actor", Services.GetRequiredService<NavigationManager>().Uri));
    }

    [Fact]
    public void A_current_identity_s_page_says_her_version_holds_until_now_and_lists_her_accounts()
    {
        var page = Render<LedgerEntityPage>(p => p.Add(x => x.Id, jane));

        page.WaitForAssertion(() => Assert.Equal("Jane Doe", page.Find("[data-testid=entity-name]").TextContent.Trim()));
        Assert.DoesNotContain("Ended", page.Markup);
        Assert.DoesNotContain("9999", page.Markup);
        Assert.Equal("now", page.Find("[data-testid=entity-history] tbody tr td:nth-child(2)").TextContent.Trim());
        Assert.Contains("jdoe", page.Find("[data-testid=entity-accounts]").TextContent);
        Assert.Contains("jane.d", page.Find("[data-testid=entity-accounts]").TextContent);
    }
}
