using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Web.Components.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Exports;

/// <summary>A schedule's run history on the real Core: newest first, a page at a time from the database.</summary>
public sealed class RunHistoryTests : ExportsComponentContext
{
    [Fact]
    public async Task The_history_shows_the_25_newest_runs_and_counts_them_all()
    {
        var (_, schedule) = await SeedScheduleAsync("Hourly history");
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // One run an hour for 30 hours, stored oldest first.
            for (var hoursAgo = 30; hoursAgo >= 1; hoursAgo--)
            {
                var started = Now.UtcDateTime.AddHours(-hoursAgo);
                db.ExportRuns.Add(new ExportRun
                {
                    Id = Guid.NewGuid(),
                    ScheduleId = schedule.Id,
                    Trigger = ExportTrigger.Scheduled,
                    Status = ExportRunStatus.Succeeded,
                    StartedAtUtc = started,
                    FinishedAtUtc = started.AddSeconds(12),
                    RunToken = Guid.NewGuid().ToString("N")[..12],
                    Rows = hoursAgo,
                });
            }

            await db.SaveChangesAsync();
        }

        var summary = await Services.GetRequiredService<ScheduledExportService>().SummaryAsync(Admin, schedule.Id);
        var history = Render<RunHistory>(p => p.Add(h => h.Schedule, summary!));

        history.WaitForAssertion(() => Assert.Equal(25, history.FindAll("[data-testid=runs-grid] tbody tr").Count));
        var starts = history.FindAll("[data-testid=runs-grid] tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(Now.UtcDateTime.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss"), starts[0]);
        Assert.Equal(Now.UtcDateTime.AddHours(-25).ToString("yyyy-MM-dd HH:mm:ss"), starts[^1]);
        Assert.Contains("1-25 of 30", history.Markup);
    }
}
