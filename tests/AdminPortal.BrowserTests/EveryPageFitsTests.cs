using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>
/// The layout budget on every page an Admin can open: at a desktop's and a phone's size, in the light and the dark
/// theme, the page never scrolls sideways (wide tables scroll in their own box) and has exactly one h1. With
/// BROWSER_SCREENSHOTS set, every page is kept as page-size-theme.png (overview-1280x800-dark.png) for a person to look at.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EveryPageFitsTests(SharedPortal shared)
{
    /// <summary>Path, a name for the capture, and whether the page runs on a circuit (the status page is static).</summary>
    private static readonly (string Path, string Name, bool Interactive)[] Pages =
    [
        ("/", "overview", true),
        ("/audit-logs", "audit-logs", true),
        ("/workbooks", "workbooks", true),
        ("/api-tokens", "api-tokens", true),
        ("/admin/account/general-settings", "general-settings", true),
        ("/admin/account/general-settings?tab=audit-logging", "general-settings-audit-logging", true),
        ("/admin/users", "users", true),
        ("/admin/csv-collection", "csv-collection", true),
        ("/admin/ledger", "ledger", true),
        ("/admin/ledger/policies", "matching-policies", true),
        // The first entity when LedgerTests imported it before, its not-found state otherwise; LedgerTests checks the full page at both sizes.
        ("/ledger/1", "ledger-entity", true),
        ("/status/404", "status-404", false),
        ("/signout", "signout", false),
    ];

    /// <summary>Null when the page fits; otherwise the widths and the outermost elements that run past the right edge (to say what to fix).</summary>
    internal const string OverflowScript = """
        () => {
            const root = document.scrollingElement;
            if (root.scrollWidth <= root.clientWidth) return null;
            const past = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
                .slice(0, 3)
                .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
            return `${root.scrollWidth} > ${root.clientWidth}: ${past.join(', ')}`;
        }
        """;

    [Theory]
    [InlineData(1280, 800, "light")]
    [InlineData(1280, 800, "dark")]
    [InlineData(390, 844, "light")]
    [InlineData(390, 844, "dark")]
    public async Task No_page_an_Admin_opens_scrolls_sideways_and_each_has_one_heading(int width, int height, string theme)
    {
        await using var session = await shared.OpenSessionAsync();
        var page = session.Page;
        var size = $"{width}x{height}";
        await page.SetViewportSizeAsync(width, height);
        // The user menu's choice, as app.js keeps it: set before the first page that reads it.
        await page.GotoAsync("/signin");
        await page.EvaluateAsync("theme => localStorage.setItem('adminPortal.theme', theme)", theme);
        await page.ReloadAsync();
        Assert.Equal(theme, await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme"));
        var overflowing = new List<string>();
        await MeasureAsync(session, "/signin", overflowing);
        await session.CaptureAsync($"signin-{size}-{theme}");
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await session.WaitForCircuitAsync();

        foreach (var (path, name, interactive) in Pages)
        {
            await page.GotoAsync(path);
            if (interactive)
            {
                await session.WaitForCircuitAsync();
                await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", theme);
            }

            await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await MeasureAsync(session, path, overflowing);
            await session.CaptureAsync($"{name}-{size}-{theme}");
        }

        Assert.True(overflowing.Count == 0, $"Scrolls sideways at {width}×{height} ({theme}): {string.Join(", ", overflowing)}");
        session.AssertNoConsoleErrors();
    }

    /// <summary>The lists a phone user reads: their header row is one line of column names (it was a tall stack of wrapped words).</summary>
    [Fact]
    public async Task On_a_phone_the_users_and_workbooks_lists_keep_each_column_header_on_one_line()
    {
        await using var session = await shared.OpenAdminSessionAsync("/admin/users");
        var page = session.Page;
        // A row in each list: an empty list measured nothing.
        await ExportScheduleTests.SaveWorkbookAsync(session, "Phone header check");
        await page.SetViewportSizeAsync(390, 844);

        foreach (var (path, grid) in new[] { ("/admin/users", "users-grid"), ("/workbooks", "workbooks-grid") })
        {
            await page.GotoAsync(path);
            await session.WaitForCircuitAsync();
            var table = page.GetByTestId(grid);
            await Assertions.Expect(table.GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
            await Assertions.Expect(table.GetByRole(AriaRole.Cell).First).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^No "));
            await session.CaptureAsync($"{grid}-390x844");
            Assert.Empty(await TextLines.WrappedHeadersAsync(table));
            var header = (await table.GetByRole(AriaRole.Row).First.BoundingBoxAsync())!;
            Assert.True(header.Height <= 64, $"the header row of {path} is {header.Height:F0} px tall at 390 px");
        }

        session.AssertNoConsoleErrors();
    }

    private static async Task MeasureAsync(BrowserSession session, string path, List<string> overflowing)
    {
        // Lists load after the first render: let them arrive before measuring.
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await session.Page.WaitForTimeoutAsync(300);
        var overflow = await session.Page.EvaluateAsync<string?>(OverflowScript);
        if (overflow is not null)
        {
            overflowing.Add($"{path} ({overflow})");
        }
    }
}
