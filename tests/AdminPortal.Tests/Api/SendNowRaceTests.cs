using System.Net;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Api;

/// <summary>Send now over the API when two scripts press it at once, and what another user's token sees of its runs.</summary>
[Collection(ApiCollection.Name)]
public sealed class SendNowRaceTests(StoragePeers peers, ApiPortal portal)
{
    private async Task<Guid> ScheduleAsync(string family)
    {
        await portal.StoreEventsAsync(family, 40, DateTime.UtcNow.AddHours(-3), TimeSpan.FromHours(2));
        var integration = await portal.IntegrationAsync(peers, "s3", $"s3_{family}", $"api/{family}/");
        var (workbook, element) = await portal.WorkbookAsync(family);
        return await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration, UriTemplate = "audit/{run}-{part}.csv",
            FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 12,
        });
    }

    private static async Task<string> FinishedStatusAsync(HttpClient api, Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await (await api.GetAsync($"/api/runs/{runId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString()!;
            if (status != "Running" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Simultaneous_send_nows_each_start_a_run_or_get_a_409_problem_and_every_run_started_succeeds()
    {
        var schedule = await ScheduleAsync("apirace");
        var first = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite, ApiScopes.AuditRead);
        var second = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite, ApiScopes.AuditRead);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            (i % 2 == 0 ? first : second).PostAsync($"/api/schedules/{schedule}/send-now", null)));

        // A run of 40 events may finish before a later request arrives, which then starts the next run: so not "one
        // 202 and three 409s", but every answer a started run or a 409 problem, and each started run recorded.
        var texts = string.Join("\n", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
        Assert.True(answers.All(a => a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict), texts);
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ProblemAsync(HttpStatusCode.Conflict);
        }

        var started = new List<Guid>();
        foreach (var accepted in answers.Where(a => a.StatusCode == HttpStatusCode.Accepted))
        {
            var runId = (await accepted.JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
            Assert.Equal("Succeeded", await FinishedStatusAsync(first, runId));
            started.Add(runId);
        }

        Assert.NotEmpty(started);
        await using var db = await portal.DbAsync();
        var runs = await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == schedule).ToListAsync();
        Assert.Equal(started.Order(), runs.Select(r => r.Id).Order());
        // That two runs are never Running at once is the database's one-running-run index (PortalStoreTests, both
        // providers): the 409s above are its refusals. A run started as another ends takes the watermark that run left
        // (ExportRunStartTests, both providers).
    }

    [Fact]
    public async Task An_auditors_token_cannot_read_the_run_manifest_or_history_of_an_admins_schedule()
    {
        var schedule = await ScheduleAsync("apiforeignrun");
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var runId = (await (await admin.PostAsync($"/api/schedules/{schedule}/send-now", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
        Assert.Equal("Succeeded", await FinishedStatusAsync(admin, runId));
        var auditor = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead, ApiScopes.ExportsWrite);

        await (await auditor.GetAsync($"/api/runs/{runId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync($"/api/runs/{runId}/manifest")).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync($"/api/schedules/{schedule}/runs")).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync($"/api/schedules/{schedule}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.PostAsync($"/api/schedules/{schedule}/resume", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.PutJsonAsync($"/api/schedules/{schedule}", new { uriTemplate = "x/{run}.csv" })).ProblemAsync(HttpStatusCode.NotFound);
        var listed = await (await auditor.GetAsync("/api/schedules")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), s => s.GetProperty("id").GetGuid() == schedule);
        await (await admin.GetAsync($"/api/runs/{runId}/manifest")).JsonAsync(HttpStatusCode.OK);
    }
}
