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
}
