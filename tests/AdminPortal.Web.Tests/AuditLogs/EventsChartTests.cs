using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Web.Components.AuditLogs;
using MudBlazor;
using FilterOperator = AdminPortal.Core.AuditLogs.Explorer.FilterOperator;

namespace AdminPortal.Web.Tests.AuditLogs;

/// <summary>The events-over-time chart draws the store's counts per bucket: 3 events 2 hours ago, 5 events 20 hours ago (each group at one time, so in one bucket).</summary>
public sealed class EventsChartTests : ExplorerContext
{
    protected override IReadOnlyList<AuditEvent> Seed() =>
        Enumerable.Range(0, 3).Select(i => Event(i, minutesAgo: 120, login: "alice@corp.example"))
            .Concat(Enumerable.Range(3, 5).Select(i => Event(i, minutesAgo: 20 * 60, login: "bob@corp.example")))
            .ToList();

    [Fact]
    public async Task The_chart_draws_one_bar_per_bucket_with_the_view_s_counts()
    {
        var chart = Render<EventsChart>();

        await chart.InvokeAsync(() => chart.Instance.RefreshAsync(new ExplorerState { Range = "24h", Filters = [Seeded] }));

        var drawn = chart.FindComponent<MudChart<double>>().Instance;
        var bars = Assert.Single(drawn.ChartSeries).Data.Values;
        Assert.Equal(8, bars.Sum());
        Assert.Equal(new[] { 3d, 5d }, bars.Where(v => v > 0).Order());
        Assert.Equal(bars.Count, drawn.ChartLabels.Length);
        Assert.Contains("(8 events, per", chart.Find("[data-testid=chart-caption]").TextContent);
        Assert.Equal(bars.Count, chart.FindAll("[data-testid=chart-data] tbody tr").Count);
    }

    [Fact]
    public async Task The_chart_follows_the_view_s_filters()
    {
        var chart = Render<EventsChart>();
        var bobs = new ExplorerState { Range = "24h", Filters = [new AuditFilter("Login", FilterOperator.Contains, "bob")] };

        await chart.InvokeAsync(() => chart.Instance.RefreshAsync(bobs));

        Assert.Equal(5, chart.FindComponent<MudChart<double>>().Instance.ChartSeries[0].Data.Values.Sum());
        Assert.Contains("(5 events, per", chart.Find("[data-testid=chart-caption]").TextContent);
    }
}
