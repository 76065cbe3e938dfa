using AdminPortal.Web.Components.Ledger;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AdminPortal.Web.Tests.Ledger;

/// <summary>The Identity ledger page's import against the real use case and store.</summary>
public sealed class LedgerImportFormTests : CorePortalContext
{
    private IRenderedComponent<LedgerPage> Upload(string csv, string date = "2026-01-01")
    {
        Render<MudPopoverProvider>();
        var page = Render<LedgerPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "identities.csv", contentType: "text/csv"));
        InputOf(page.Find("[data-testid=ledger-date]")).Change(date);
        page.Find("button[data-testid=ledger-import-button]").Click();
        return page;
    }

    /// <summary>MudBlazor puts the test id on the input itself or on its wrapper, depending on the component.</summary>
    internal static AngleSharp.Dom.IElement InputOf(AngleSharp.Dom.IElement element) =>
        element.TagName == "INPUT" ? element : element.QuerySelector("input")!;

    [Fact]
    public void A_file_with_bad_lines_lists_each_rejected_line_by_number_and_stores_nothing()
    {
        var page = Upload("hrCode,fullName\nE001,Jane Doe\nE002,\nE001,Jane Again\n");

        page.WaitForAssertion(() => Assert.Contains("2 line(s) of the identities file were rejected", page.Find("[data-testid=ledger-report]").TextContent));
        var lines = page.FindAll("[data-testid=ledger-rejections] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("line 3: ", lines[0]);
        Assert.Contains("fullName", lines[0]);
        Assert.StartsWith("line 4: duplicate of line 2", lines[1]);
        Assert.Contains("0", page.Find("[data-testid=ledger-kind-identities]").QuerySelectorAll("td")[2].TextContent);
        Assert.NotNull(page.Find("[data-testid=ledger-no-imports]"));
    }

    [Fact]
    public void A_valid_file_is_imported_as_the_snapshot_of_its_date_and_the_counts_and_history_follow()
    {
        var page = Upload(LedgerSeed.Identities);

        page.WaitForAssertion(() => Assert.Contains("Identity snapshot of 2026-01-01 00:00: 2 rows, 2 added", page.Find("[data-testid=ledger-report]").TextContent));
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=ledger-kind-identities]").QuerySelectorAll("td")[2].TextContent.Trim()));
        Assert.Contains("identities.csv", page.Find("[data-testid=ledger-imports]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=ledger-rejections]"));
    }
}
