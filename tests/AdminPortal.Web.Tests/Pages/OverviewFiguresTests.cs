using System.Globalization;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Pages;
using AdminPortal.Web.Tests.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Pages;

/// <summary>
/// The overview's figures on the real Core: the portal starts three hours before <see cref="ExportsComponentContext.Now"/>
/// (its own events are stored then), the test stores events as they would have arrived, and the page is read at Now.
/// </summary>
public sealed class OverviewFiguresTests : ExportsComponentContext
{
    private readonly MovableClock clock;

    public OverviewFiguresTests()
        : this(new MovableClock(Now.AddHours(-3)))
    {
    }

    private OverviewFiguresTests(MovableClock clock)
        : base(clock) => this.clock = clock;

    private static DateTime At => Now.UtcDateTime;

    [Fact]
    public async Task The_ingestion_rate_counts_the_events_stored_in_the_last_hour_and_5_minutes_by_their_ingestion_time()
    {
        // Stored 2 hours ago (event times within the day), 30 minutes ago (a backfill of events 20 days old), 2 minutes ago.
        await StoreAsync(40, ingestedAt: At.AddHours(-2), eventTime: At.AddHours(-2.5));
        await StoreAsync(30, ingestedAt: At.AddMinutes(-30), eventTime: At.AddDays(-20));
        await StoreAsync(6, ingestedAt: At.AddMinutes(-2), eventTime: At.AddMinutes(-3));

        var home = await RenderAtNowAsync();

        Assert.Equal("36", home.Find("[data-testid=ingested-last-hour]").TextContent);
        Assert.Equal("0.6", home.Find("[data-testid=ingested-per-minute]").TextContent);
        Assert.Equal("6", home.Find("[data-testid=ingested-last-5-minutes]").TextContent);
        Assert.Contains($"Last event received {At.AddMinutes(-2):yyyy-MM-dd HH:mm} UTC", home.Find("[data-testid=last-received]").TextContent);
    }

    [Fact]
    public async Task The_events_card_counts_today_and_24_hours_and_charts_the_24_hours_per_hour()
    {
        // Now is 10:00 UTC: 7 events at 08:30 (today), 5 at 22:00 yesterday (24 hours, not today), 9 two days ago (neither).
        // The portal's own events (the Admin's creation at the start, 07:00 today) count too.
        var own = await StoredAsync();
        await StoreAsync(9, ingestedAt: At.AddHours(-2.9), eventTime: At.AddDays(-2));
        await StoreAsync(5, ingestedAt: At.AddHours(-2.8), eventTime: At.AddHours(-12));
        await StoreAsync(7, ingestedAt: At.AddHours(-2.7), eventTime: At.AddHours(-1.5));

        var home = await RenderAtNowAsync();

        Assert.Equal((7 + own).ToString(CultureInfo.InvariantCulture), home.Find("[data-testid=events-today]").TextContent);
        Assert.Equal((12 + own).ToString(CultureInfo.InvariantCulture), home.Find("[data-testid=events-24h]").TextContent);
        var chart = home.FindComponent<MudChart<double>>().Instance;
        var bars = Assert.Single(chart.ChartSeries).Data.Values;
        Assert.Equal(12 + own, bars.Sum());
        Assert.Contains(7d, bars);
        Assert.Contains(5d, bars);
        Assert.Equal(bars.Count, home.FindAll("[data-testid=overview-chart] [data-testid=chart-data] tbody tr").Count);
        Assert.Empty(home.FindAll(".sparkline"));
    }

    [Fact]
    public async Task The_last_failures_list_the_newest_failed_and_interrupted_runs_with_their_one_line_error()
    {
        var (_, nightly) = await SeedScheduleAsync("Nightly S3");
        var (_, hourly) = await SeedScheduleAsync("Hourly Azure");
        await AddRunAsync(nightly, ExportRunStatus.Failed, "AccessDenied: s3:PutObject on audit-exports\nat Amazon.S3...\nat AdminPortal...", startedAtUtc: At.AddHours(-5));
        await AddRunAsync(nightly, ExportRunStatus.Succeeded, startedAtUtc: At.AddHours(-4));
        await AddRunAsync(hourly, ExportRunStatus.Interrupted, startedAtUtc: At.AddHours(-1));
        await AddRunAsync(hourly, ExportRunStatus.Running, startedAtUtc: At.AddMinutes(-1));

        var home = await RenderAtNowAsync();

        var failures = home.FindAll("[data-testid=failure]");
        Assert.Equal(2, failures.Count);
        Assert.Contains("Hourly Azure", failures[0].TextContent);
        Assert.Contains("Interrupted", failures[0].TextContent);
        Assert.Contains("Nightly S3", failures[1].TextContent);
        Assert.Contains("Failed", failures[1].TextContent);
        Assert.Equal("AccessDenied: s3:PutObject on audit-exports", failures[1].QuerySelector(".error-summary-line")!.TextContent);
        Assert.Contains("at Amazon.S3", failures[1].QuerySelector("details pre")!.TextContent);
        Assert.Equal(PortalUrls.ExportHistory(nightly.WorkbookId, nightly.Id), failures[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_integrations_card_shows_each_integration_with_its_health()
    {
        await SeedScheduleAsync("Nightly S3");
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var broken = await db.StorageIntegrations.AsNoTracking().SingleAsync();
            broken.Id = Guid.NewGuid();
            broken.Name = "gcs_broken";
            broken.LastTestStatus = "403 Forbidden: the service account lacks storage.objects.create\nmore";
            broken.LastTestHint = "Grant Storage Object Creator on the bucket.";
            broken.ConsecutiveFailures = 3;
            db.StorageIntegrations.Add(broken);
            await db.SaveChangesAsync();
        }

        var home = await RenderAtNowAsync();

        var rows = home.FindAll("[data-testid=integration-health]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Failing", rows[0].TextContent);
        Assert.Contains("gcs_broken", rows[0].TextContent);
        Assert.Contains("Grant Storage Object Creator on the bucket. (3 failed checks in a row)", rows[0].TextContent);
        Assert.Contains("Healthy", rows[1].TextContent);
        Assert.Contains("s3_web_tests", rows[1].TextContent);
        Assert.Equal("1", home.Find("[data-testid=integrations-attention]").TextContent);
    }

    [Fact]
    public async Task Retention_held_back_names_the_enabled_incremental_exports_that_have_not_delivered_events_older_than_the_period()
    {
        // Retention keeps 30 days; 4 events are 40 days old (a backfill stored 2 hours ago) and 3 are recent.
        await StoreAsync(4, ingestedAt: At.AddHours(-2), eventTime: At.AddDays(-40));
        await StoreAsync(3, ingestedAt: At.AddHours(-1), eventTime: At.AddHours(-1));
        await SeedScheduleAsync("Never ran");
        var (_, delivered) = await SeedScheduleAsync("Delivered all");
        await SeedScheduleAsync("Paused one", paused: true);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var newest = await db.AuditEvents.MaxAsync(e => e.Id);
            await db.ScheduledExports.Where(s => s.Id == delivered.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.WatermarkEventRowId, newest));
        }

        var home = await RenderAtNowAsync();

        var held = Assert.Single(home.FindAll("[data-testid=retention-hold]"));
        Assert.Contains("Never ran", held.TextContent);
        Assert.Contains($"oldest undelivered event {At.AddDays(-40):yyyy-MM-dd HH:mm} UTC, 10 days past retention", held.TextContent);
        Assert.Contains("keeps events for 30 days", home.Find("[data-testid=overview-retention]").TextContent);
    }

    [Fact]
    public async Task Without_an_export_holding_events_back_there_is_no_retention_card()
    {
        await StoreAsync(4, ingestedAt: At.AddHours(-2), eventTime: At.AddDays(-40));
        await SeedScheduleAsync("Paused one", paused: true);

        var home = await RenderAtNowAsync();

        Assert.Empty(home.FindAll("[data-testid=overview-retention]"));
    }

    [Fact]
    public async Task An_auditor_sees_only_their_own_failures_and_neither_integrations_nor_retention()
    {
        await StoreAsync(4, ingestedAt: At.AddHours(-2), eventTime: At.AddDays(-40));
        var (_, admins) = await SeedScheduleAsync("Admin's export");
        await AddRunAsync(admins, ExportRunStatus.Failed, "AccessDenied");
        await SignInAsAsync("auditor@example.test", PortalRoles.Auditor);

        var home = await RenderAtNowAsync();

        Assert.NotEmpty(home.FindAll("[data-testid=overview-ingestion]"));
        Assert.NotEmpty(home.FindAll("[data-testid=no-failures]"));
        Assert.DoesNotContain("Admin's export", home.Markup);
        Assert.Empty(home.FindAll("[data-testid=overview-integrations]"));
        Assert.Empty(home.FindAll("[data-testid=overview-retention]"));
    }

    private async Task<IRenderedComponent<Home>> RenderAtNowAsync()
    {
        clock.Now = Now;
        var home = Render<Home>();
        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=overview-failures]")), TimeSpan.FromSeconds(10));
        return home;
    }

    private async Task StoreAsync(int count, DateTime ingestedAt, DateTime eventTime)
    {
        var first = await StoredAsync();
        var events = Enumerable.Range(first, count).Select(i => new AuditEvent
        {
            EventId = $"overview-{ingestedAt:HHmm}-{i:D4}",
            EventTimeUtc = eventTime,
            IngestedAtUtc = ingestedAt,
            Datasource = "snowflake",
            Family = "database",
            Login = "alice@corp.example",
            Action = "select",
            Status = AuditEventStatus.Success,
            TargetType = AuditTargetType.Asset,
            TargetName = "SALES.PUBLIC.ORDERS",
            RawJson = "{}",
        }).ToList();
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
    }

    /// <summary>The events stored so far (the portal's own at the start, then the seeds).</summary>
    private async Task<int> StoredAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync();
    }
}
