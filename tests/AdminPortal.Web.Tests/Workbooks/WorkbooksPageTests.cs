using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Workbooks;
using AdminPortal.Web.Tests.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Workbooks;

/// <summary>The Workbooks list on the real workbook service: its row actions in words, Rename through the portal's dialog.</summary>
public sealed class WorkbooksPageTests : ExportsComponentContext
{
    [Fact]
    public async Task Each_workbook_row_offers_Rename_Duplicate_and_Delete_in_words()
    {
        await SeedScheduleAsync("Quarterly");
        var page = Render<WorkbooksPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='open-Quarterly workbook']")));
        Assert.Equal("Rename", page.Find("[data-testid='rename-Quarterly workbook']").TextContent.Trim());
        Assert.Equal("Duplicate", page.Find("[data-testid='duplicate-Quarterly workbook']").TextContent.Trim());
        Assert.Equal("Delete", page.Find("[data-testid='delete-Quarterly workbook']").TextContent.Trim());
    }

    [Fact]
    public async Task Renaming_through_the_dialog_renames_the_workbook_and_the_list_shows_it()
    {
        var (workbook, _) = await SeedScheduleAsync("Weekly");
        var page = Render<WorkbooksPage>();
        page.WaitForElement("[data-testid='rename-Weekly workbook']").Click();

        Providers.WaitForElement("#rename-name").Change("Weekly, renamed");
        Providers.Find("[data-testid=rename-save]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='open-Weekly, renamed']")));
        var stored = await Services.GetRequiredService<WorkbookService>().ListAsync(Admin);
        Assert.Equal("Weekly, renamed", Assert.Single(stored, w => w.Id == workbook.Id).Name);
    }

    [Fact]
    public async Task The_list_shows_50_workbooks_a_page_and_a_sort_by_name_runs_across_all_of_them()
    {
        var workbooks = Services.GetRequiredService<WorkbookService>();
        for (var i = 1; i <= 55; i++)
        {
            Assert.True((await workbooks.SaveAsAsync(Admin, $"Review {i:00}", "Audits", new ExplorerState())).Succeeded);
        }

        var page = Render<WorkbooksPage>();
        page.WaitForAssertion(() => Assert.Equal(50, Names(page).Count));
        Assert.Equal("Review 01", Names(page)[0]);
        Assert.Contains("1-50 of 55", page.Find("[data-testid=workbooks-grid]").TextContent);

        page.FindAll("[data-testid=workbooks-grid] th").Single(th => th.TextContent.Trim() == "Name").QuerySelector(".sortable-column-header")!.Click();

        // Review 55 was on the second page: the database sorted them all, not the page on screen.
        page.WaitForAssertion(() => Assert.Equal("Review 55", Names(page)[0]));
    }

    private static List<string> Names(IRenderedComponent<WorkbooksPage> page) =>
        page.FindAll("[data-testid=workbooks-grid] tbody tr a[data-testid^=open-]").Select(a => a.TextContent.Trim()).ToList();
}
