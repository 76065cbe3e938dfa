using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Web.Components.AuditLogs;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.AuditLogs;

/// <summary>The grid's server call against a real store: 120 events, one a minute, every third one alice's.</summary>
public sealed class EventsGridTests : ExplorerContext
{
    private const int Events = 120;

    private readonly List<ExplorerState> loaded = [];
    private readonly List<ExplorerState> changed = [];

    protected override IReadOnlyList<AuditEvent> Seed() => Enumerable.Range(0, Events)
        .Select(i => Event(i, minutesAgo: i + 1, login: i % 3 == 0 ? $"alice-{i:D3}@corp.example" : $"bob-{i:D3}@corp.example",
            status: i % 10 == 0 ? AuditEventStatus.Fail : AuditEventStatus.Success))
        .ToList();

    private IRenderedComponent<EventsGrid> RenderGrid(ExplorerState state) => Render<EventsGrid>(p => p
        .Add(g => g.State, state)
        .Add(g => g.Loaded, s => loaded.Add(s))
        .Add(g => g.StateChanged, s => changed.Add(s)));

    private static IReadOnlyList<string> Column(IRenderedComponent<EventsGrid> grid, int column) =>
        grid.FindAll("tr.event-row").Select(r => r.QuerySelectorAll("td")[column].TextContent.Trim()).ToList();

    private static string Summary(IRenderedComponent<EventsGrid> grid) => grid.Find("[data-testid=paging-summary]").TextContent;

    private static readonly ExplorerState Day = new() { Range = "24h", Filters = [Seeded] };

    [Fact]
    public void The_first_page_is_the_newest_fifty_events_of_the_view_with_the_total()
    {
        var grid = RenderGrid(Day);

        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));
        Assert.Equal($"Page 1 of 3 ({Events} events)", Summary(grid));
        Assert.StartsWith("bob-001@", Column(grid, 3)[1]);
        Assert.Equal(Day, loaded.Last());
    }

    [Fact]
    public void Clicking_a_column_title_sorts_on_the_server_and_reports_the_sort()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));

        grid.Find("button[data-testid=sort-Login]").Click();

        grid.WaitForAssertion(() => Assert.StartsWith("alice-000@", Column(grid, 3)[0]));
        var logins = Column(grid, 3);
        Assert.Equal(logins.Order(StringComparer.Ordinal), logins);
        Assert.Equal(("Login", false), (changed.Last().Sort, changed.Last().Descending));
        Assert.Equal("Login", loaded.Last().Sort);
    }

    [Fact]
    public void The_next_page_is_read_from_the_server()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));

        grid.Find("button[aria-label='Next page']").Click();

        grid.WaitForAssertion(() => Assert.StartsWith($"Page 2 of 3", Summary(grid)));
        Assert.StartsWith("bob-050@", Column(grid, 3)[0]);
    }

    [Fact]
    public async Task The_next_page_starts_after_the_last_row_shown_when_newer_events_arrive()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));
        Assert.StartsWith("bob-049@", Column(grid, 3)[^1]);

        // A newer event moves every row down one place: read by its offset, page 2 would start with bob-049 again.
        var newer = Event(999, minutesAgo: 0, login: "zed@corp.example");
        newer.EventTimeUtc = Now.AddSeconds(-30);
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync([newer]);
        grid.Find("button[aria-label='Next page']").Click();

        grid.WaitForAssertion(() => Assert.StartsWith($"Page 2 of 3 ({Events + 1} events)", Summary(grid)));
        Assert.StartsWith("bob-050@", Column(grid, 3)[0]);
    }

    [Fact]
    public void A_login_filter_reaches_the_query_and_the_address()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));

        grid.Find("input[aria-label='Login filter value']").Input("alice");

        grid.WaitForAssertion(() => Assert.Equal($"Page 1 of 1 ({Events / 3} events)", Summary(grid)), TimeSpan.FromSeconds(5));
        Assert.All(Column(grid, 3), login => Assert.StartsWith("alice-", login));
        Assert.Equal(new[] { Seeded, new AuditFilter("Login", FilterOperator.Contains, "alice") }, loaded.Last().Filters);
    }

    [Fact]
    public void A_new_view_from_the_toolbar_is_read_from_its_first_page()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));
        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.StartsWith("Page 2 of 3", Summary(grid)));

        grid.Render(p => p.Add(g => g.State, Day with { Filters = [Seeded, new AuditFilter("Status", FilterOperator.Equals, "Fail")] }));

        grid.WaitForAssertion(() => Assert.Equal($"Page 1 of 1 ({Events / 10} events)", Summary(grid)));
    }

    [Fact]
    public void The_grid_shows_event_times_to_the_second_and_the_event_drawer_to_the_millisecond()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));
        // The newest seeded event, as the store gives it back.
        using var scope = Services.CreateScope();
        var newest = scope.ServiceProvider.GetRequiredService<AdminPortal.Core.Data.PortalDbContext>().AuditEvents.Single(e => e.EventId == "ev-0000");
        var toTheMillisecond = newest.EventTimeUtc.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

        var cell = grid.FindAll("tr.event-row")[0].QuerySelectorAll("td")[0];
        Assert.Equal(toTheMillisecond[..19], cell.TextContent.Trim());
        Assert.Equal(toTheMillisecond, cell.QuerySelector("[title]")?.GetAttribute("title"));

        var details = Render<EventDetails>(p => p.Add(d => d.Id, newest.Id));
        details.WaitForAssertion(() => Assert.Contains(toTheMillisecond, details.Find("[data-testid=event-details]").TextContent));
    }

    [Fact]
    public void The_filters_are_named_after_their_columns()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));

        Assert.NotNull(LabelledInput(grid, "Status"));
        Assert.NotNull(LabelledInput(grid, "Target type"));
        Assert.NotNull(grid.Find("input[aria-label='Login filter value']"));
        Assert.Empty(grid.FindAll("input:not([aria-label]):not([id])"));
    }

    [Fact]
    public void The_status_and_target_type_dropdowns_show_their_name_inside_the_box_not_as_a_floating_label()
    {
        var grid = RenderGrid(Day);
        grid.WaitForAssertion(() => Assert.Equal(50, grid.FindAll("tr.event-row").Count));

        foreach (var (column, title) in new[] { ("Status", "Status"), ("TargetType", "Target type") })
        {
            // The combobox itself; its cell of the filter row.
            var filter = grid.Find($"input[data-testid=filter-{column}]");
            var cell = filter.Closest("th, td")!;
            // A floating label in the dense filter row was drawn below the line; the name is the box's placeholder.
            Assert.Empty(cell.QuerySelectorAll("label"));
            Assert.Equal((title, title), (filter.GetAttribute("placeholder"), filter.GetAttribute("aria-label")));
        }
    }

    /// <summary>The input a label names: by aria-label, or by a label element's for=.</summary>
    private static IElement? LabelledInput(IRenderedComponent<EventsGrid> grid, string name) =>
        grid.FindAll("input").FirstOrDefault(i => i.GetAttribute("aria-label") == name
            || (i.Id is { Length: > 0 } id && grid.FindAll($"label[for='{id}']").Any(l => l.TextContent.Trim() == name)));
}
