using System.Net;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Exports;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.Tests.Api;

/// <summary>A run started by the API's Send now when the portal stops in the middle of it: nobody awaits it but the portal.</summary>
[Collection(ApiCollection.Name)]
public sealed class SendNowStopTests(StoragePeers peers)
{
    [Fact]
    public async Task A_send_now_run_cut_short_by_the_portal_stopping_is_recorded_interrupted_and_leaves_no_object()
    {
        await using var portal = new ExportsPortal();
        // 60 events in parts of 25: part 1 is sent, part 2 waits until the portal stops.
        await portal.StoreEventsAsync("apistop", 60, new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(2));
        var integration = await portal.IntegrationAsync(peers, "s3", "s3_apistop", "api/apistop/");
        var (workbook, element) = await portal.WorkbookAsync("apistop");
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration, UriTemplate = "audit/{run}-{part}.csv",
            FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 12,
        });
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite);
        var held = portal.Faults.HoldUpload(2);

        var accepted = await api.PostAsync($"/api/schedules/{schedule}/send-now", null);
        var runId = (await accepted.JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
        await held.WaitAsync(TimeSpan.FromSeconds(60));

        await portal.Services.GetRequiredService<IHost>().StopAsync();

        // The stopped host's services are gone: read its database file and the bucket directly.
        await using (var db = Data.HandWrittenRelease.Open(portal.DatabasePath))
        {
            var run = await db.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            Assert.Equal(ExportRunStatus.Interrupted, run.Status);
            Assert.Contains("portal stopped", run.Error);
            Assert.NotNull(run.FinishedAtUtc);
        }

        using var bucket = peers.Factory.Create(peers.S3("api/apistop/"));
        var left = new List<string>();
        await foreach (var stored in bucket.ListAsync("", CancellationToken.None))
        {
            if (!stored.Key.StartsWith(".adminportal-connection-test/", StringComparison.Ordinal))
            {
                left.Add(stored.Key);
            }
        }

        Assert.Empty(left);
    }
}
