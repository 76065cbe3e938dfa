using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The AUDIT_LOGS explorer over the shared portal's demo events (--seed-demo) and its own sign-ins.</summary>
[Collection(PortalCollection.Name)]
public sealed class ExplorerTests(SharedPortal shared)
{
    private const int LoginColumn = 3;

    private static readonly string[] DefaultHeaders =
        ["Event time (UTC)", "Family", "Datasource", "Login", "Action", "Status", "Target type", "Target name"];

    private static ILocator Rows(IPage page) => page.GetByTestId("events-grid").Locator("tr.event-row");

    private static ILocator Summary(IPage page) => page.GetByTestId("paging-summary");

    private static ILocator Headers(IPage page) => page.GetByTestId("events-grid").Locator("[data-testid^='sort-']");

    private static async Task<IReadOnlyList<string>> ColumnAsync(IPage page, int column) =>
        await Rows(page).Locator($"td:nth-child({column + 1})").AllInnerTextsAsync();

    private static async Task<long> TotalAsync(IPage page)
    {
        var summary = await Summary(page).InnerTextAsync();
        return long.Parse(Regex.Match(summary, @"\(([\d,]+) events\)").Groups[1].Value.Replace(",", ""));
    }

    /// <summary>Runs an action that reloads the grid and waits until the pager shows a new state.</summary>
    private static async Task ReloadingAsync(IPage page, Func<Task> action)
    {
        var before = await Summary(page).InnerTextAsync();
        await action();
        await Assertions.Expect(Summary(page)).Not.ToHaveTextAsync(before);
    }

    /// <summary>Polls until the rows satisfy <paramref name="condition"/> (the grid re-renders after the server answers).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Filtering_sorting_paging_and_time_range_run_on_the_server_and_live_in_the_url()
    {
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d");
        var page = session.Page;
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        var all = await TotalAsync(page);
        Assert.True(all >= SharedPortal.DemoEvents - 100, $"expected the demo events, got {all}");

        await ReloadingAsync(page, async () =>
        {
            await page.GetByLabel("Login filter value").FillAsync("alice");
            await page.GetByLabel("Login filter value").PressAsync("Enter");
        });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]f="));
        Assert.All(await ColumnAsync(page, LoginColumn), login => Assert.Contains("alice", login));
        var alice = await TotalAsync(page);
        Assert.InRange(alice, 1, all - 1);

        await page.GetByTestId("sort-Login").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=Login"));
        await EventuallyAsync(async () =>
        {
            var logins = await ColumnAsync(page, LoginColumn);
            return logins.Count == 50 && logins.SequenceEqual(logins.Order(StringComparer.Ordinal));
        }, "the rows sorted by login");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(Summary(page)).ToContainTextAsync("Page 2 of");
        Assert.All(await ColumnAsync(page, LoginColumn), login => Assert.Contains("alice", login));

        await ReloadingAsync(page, () => page.GetByTestId("time-range").GetByText("24 h").ClickAsync());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("range=24h"));
        await Assertions.Expect(Summary(page)).ToContainTextAsync("Page 1 of");
        Assert.True(await TotalAsync(page) < alice);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Free_text_search_waits_for_typing_to_pause_and_finds_the_words()
    {
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d");
        var page = session.Page;
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);

        await page.GetByTestId("search").PressSequentiallyAsync("okta");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=okta"));
        await EventuallyAsync(async () => (await ColumnAsync(page, 2)) is { Count: > 0 } sources && sources.All(s => s == "okta"),
            "only okta events");
        await Assertions.Expect(page.GetByTestId("events-chart")).ToContainTextAsync("events, per");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Clicking_an_event_opens_its_details_and_raw_json()
    {
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d&q=admin%40example.test");
        var page = session.Page;
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("admin@example.test");

        await Rows(page).First.ClickAsync();

        var details = page.GetByTestId("event-details");
        await Assertions.Expect(details).ToContainTextAsync("Event id");
        await Assertions.Expect(details).ToContainTextAsync("adminportal");
        await Assertions.Expect(page.GetByTestId("raw-json")).ToContainTextAsync("\"Code\"");
        await session.CaptureAsync("event-drawer");

        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(details).ToBeHiddenAsync();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_status_filter_is_a_dropdown_named_Status_that_filters_on_the_server()
    {
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d");
        var page = session.Page;
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        var all = await TotalAsync(page);

        var status = page.GetByTestId("events-grid").GetByLabel("Status", new() { Exact = true }).First;
        await Assertions.Expect(status).ToBeVisibleAsync();
        await ReloadingAsync(page, async () =>
        {
            await status.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Fail", Exact = true }).ClickAsync();
        });

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]f="));
        Assert.All(await ColumnAsync(page, 5), s => Assert.Equal("Fail", s));
        Assert.InRange(await TotalAsync(page), 1, all - 1);
        session.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task The_page_never_scrolls_sideways_and_every_column_is_reachable(int width, int height)
    {
        var session = await shared.OpenSessionAsync();
        await using var _ = session;
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await page.GotoAsync("/audit-logs?range=30d");
        await session.WaitForCircuitAsync();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        await session.CaptureAsync($"explorer-{width}x{height}");

        var (scrollWidth, clientWidth) = await ScrollWidthAsync(page);
        Assert.True(scrollWidth <= clientWidth, $"the page scrolls sideways at {width}x{height}: {scrollWidth} > {clientWidth}");
        await Assertions.Expect(Headers(page)).ToHaveTextAsync(DefaultHeaders);
        if (width >= 1280)
        {
            // On a desktop every default column shows beside the open drawer, none behind the grid's own scroll.
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit Logs", Exact = true })).ToBeInViewportAsync();
            var grid = (await page.GetByTestId("events-grid").BoundingBoxAsync())!;
            foreach (var column in DefaultHeaders)
            {
                // The title row's header (a filter row cell may bear the same name).
                var header = (await page.GetByTestId("events-grid").GetByRole(AriaRole.Columnheader, new() { Name = column, Exact = true }).First.BoundingBoxAsync())!;
                Assert.True(header.X + header.Width <= grid.X + grid.Width + 0.5,
                    $"{column} ends at {header.X + header.Width:F0} px, past the grid's visible edge at {grid.X + grid.Width:F0} px ({width}x{height})");
            }
        }

        foreach (var header in await Headers(page).AllAsync())
        {
            await header.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(header).ToBeInViewportAsync();
        }

        var title = await page.GetByTestId("explorer-title").BoundingBoxAsync();
        var saveAs = await page.GetByTestId("save-as").BoundingBoxAsync();
        Assert.False(Overlap(title!, saveAs!), $"the title and Save As overlap at {width}x{height}");
        Assert.True((await ScrollWidthAsync(page)).Scroll <= clientWidth, "scrolling the grid moved the page sideways");
        session.AssertNoConsoleErrors();
    }

    private static async Task<(int Scroll, int Client)> ScrollWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        return (widths[0], widths[1]);
    }

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    [Fact]
    public async Task Save_as_a_workbook_then_reopen_it_with_the_same_columns_and_filters()
    {
        const string name = "Alice on okta";
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d&cols=EventTimeUtc,Datasource,Login,Action&q=okta");
        var page = session.Page;
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("okta");
        await ReloadingAsync(page, async () =>
        {
            await page.GetByLabel("Login filter value").FillAsync("alice");
            await page.GetByLabel("Login filter value").PressAsync("Enter");
        });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]f="));
        var filtered = await TotalAsync(page);

        await page.GetByTestId("save-as").ClickAsync();
        await ExportScheduleTests.FillSaveAsAsync(page, name, "Investigations");
        await page.GetByTestId("workbook-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explorer-title")).ToHaveTextAsync(name);

        await page.GotoAsync("/workbooks");
        await session.WaitForCircuitAsync();
        await page.GetByTestId($"open-{name}").ClickAsync();

        await Assertions.Expect(page.GetByTestId("explorer-title")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByLabel("Login filter value")).ToHaveValueAsync("alice");
        await Assertions.Expect(page.GetByTestId("search")).ToHaveValueAsync("okta");
        await Assertions.Expect(Headers(page)).ToHaveTextAsync(["Event time (UTC)", "Datasource", "Login", "Action"]);
        await Assertions.Expect(Summary(page)).ToContainTextAsync($"({filtered:N0} events)");
        await session.CaptureAsync("workbook-reopened");

        await page.GetByTestId("add-element").ClickAsync();
        await Assertions.Expect(page.GetByTestId("element-tabs").GetByRole(AriaRole.Tab)).ToHaveCountAsync(2);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_csv_download_is_the_current_view()
    {
        await using var session = await shared.OpenAdminSessionAsync("/audit-logs?range=30d&cols=EventId,Datasource&q=okta");
        var page = session.Page;
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("okta");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());

        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).ToList();
        Assert.Equal("EventId,Datasource", lines[0]);
        Assert.Equal(await TotalAsync(page), lines.Count - 1);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",okta", line));
    }
}
