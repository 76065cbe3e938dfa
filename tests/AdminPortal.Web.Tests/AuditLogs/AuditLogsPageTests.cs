using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.AuditLogs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.AuditLogs;

/// <summary>The explorer page as a whole: its address, its drawer.</summary>
public sealed class AuditLogsPageTests : ExplorerContext
{
    protected override IReadOnlyList<AuditEvent> Seed() =>
        Enumerable.Range(0, 30).Select(i => Event(i, minutesAgo: 10 + i, login: i % 2 == 0 ? "alice@corp.example" : "bob@corp.example")).ToList();

    private IRenderedComponent<Components.AuditLogs.AuditLogs> Open(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var page = Render<Components.AuditLogs.AuditLogs>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr.event-row"), r => r.TextContent.Contains("alice@corp.example")));
        return page;
    }

    [Fact]
    public void Clicking_an_event_opens_its_details_and_Escape_closes_them()
    {
        var page = Open("/audit-logs?range=24h");

        page.FindAll("tr.event-row").First(r => r.TextContent.Contains("corp.example")).Click();
        page.WaitForAssertion(() => Assert.Contains("ev-0000", page.Find("[data-testid=event-details]").TextContent));

        page.Find("[data-testid=event-drawer]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=event-drawer]")));
    }

    [Fact]
    public void Sorting_moves_the_address_to_the_view_shown()
    {
        var page = Open("/audit-logs?range=24h");

        page.Find("button[data-testid=sort-Login]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("sort=Login", navigation.Uri));
        Assert.Contains("range=24h", navigation.Uri);
        Assert.Contains("dir=asc", navigation.Uri);
    }

    [Fact]
    public void An_address_with_values_that_are_not_valid_shows_the_events_and_says_what_it_ignored()
    {
        var page = Open("/audit-logs?range=24h&f=%25%25&workbook=abc");

        Assert.Contains("f= part could not be read", page.Find("[data-testid=ignored-filters]").TextContent);
        Assert.Contains("workbook 'abc'", page.Find("[data-testid=ignored-filters]").TextContent);
    }

    [Fact]
    public async Task Closing_a_workbook_with_several_tables_does_not_break_the_circuit()
    {
        // MudTabs reports index -1 while it removes its panels (the page being disposed): that is no table to open.
        int workbookId;
        await using (var scope = Services.CreateAsyncScope())
        {
            var workbooks = scope.ServiceProvider.GetRequiredService<WorkbookService>();
            var state = new ExplorerState { Range = "24h" };
            workbookId = (await workbooks.SaveAsAsync(Admin, "Two tables", null, state)).Value;
            Assert.True((await workbooks.AddElementAsync(Admin, workbookId, "SECOND", state)).Succeeded);
        }

        var page = Open($"/audit-logs?workbook={workbookId}");
        var tabs = page.FindComponent<MudBlazor.MudTabs>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var shown = navigation.Uri;

        await page.InvokeAsync(() => tabs.Instance.ActivePanelIndexChanged.InvokeAsync(-1));

        Assert.Equal(shown, navigation.Uri);
    }
}
