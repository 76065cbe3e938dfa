using System.Net;
using System.Text.Json;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Api;

/// <summary>/api/workbooks, /api/schedules and /api/runs: an export set up and sent over HTTP only, into s3rver.</summary>
[Collection(ApiCollection.Name)]
public sealed class SchedulesApiTests(StoragePeers peers, ApiPortal portal)
{
    private const string UriTemplate = "audit/{yyyy}/{MM}/{dd}/events-{run}-{part}.csv.gz";

    private Task<HttpClient> AdminAsync() => portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

    /// <summary>An S3 integration, a workbook whose element shows the family's events, and a schedule of it: all through the API.</summary>
    private async Task<(Guid Integration, int Workbook, int Element, Guid Schedule)> ExportAsync(HttpClient api, string family)
    {
        var integration = (await (await api.PostJsonAsync("/api/integrations", new
        {
            name = $"s3_{family}",
            authMethod = "AwsAccessKey",
            destination = new { bucket = StoragePeers.S3Bucket, prefix = $"api/{family}/", region = "us-east-1", serviceUrl = peers.S3Url.AbsoluteUri, pathStyle = true },
            accessKeyId = StoragePeers.S3AccessKeyId,
            secret = "s3rver-ignores-this-secret",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var workbook = await (await api.PostJsonAsync("/api/workbooks", new
        {
            name = $"Export {family}",
            element = new { name = "All audit events", state = new { range = "30d", filters = new[] { new { column = "Family", @operator = "Equals", value = family } } } },
        })).JsonAsync(HttpStatusCode.Created);
        var (workbookId, elementId) = (workbook.GetProperty("id").GetInt32(), workbook.GetProperty("elementId").GetInt32());
        var schedule = await (await api.PostJsonAsync("/api/schedules", new
        {
            workbookId, tableElementId = elementId, integrationId = integration, uriTemplate = UriTemplate,
            format = "Csv", gzip = true, mode = "Incremental", frequencyKind = "EveryHours", everyHours = 12,
        })).JsonAsync(HttpStatusCode.Created);
        return (integration, workbookId, elementId, schedule.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> FinishedRunAsync(HttpClient api, Uri location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await (await api.GetAsync(location)).JsonAsync(HttpStatusCode.OK);
            if (run.GetProperty("status").GetString() != "Running" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Send_now_answers_at_once_with_the_run_whose_objects_and_manifest_reach_s3rver()
    {
        var api = await AdminAsync();
        // Inside one day whatever the time of the run: the template cuts objects per day, so a window across midnight would add one.
        await portal.StoreEventsAsync("apisendnow", 30, DateTime.UtcNow.Date.AddDays(-1).AddHours(9), TimeSpan.FromHours(2));
        var (integration, _, _, schedule) = await ExportAsync(api, "apisendnow");

        var response = await api.PostAsync($"/api/schedules/{schedule}/send-now", null);

        var runId = (await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
        Assert.Equal($"/api/runs/{runId}", response.Headers.Location?.OriginalString);
        var run = await FinishedRunAsync(api, response.Headers.Location!);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(30, run.GetProperty("rows").GetInt64());
        Assert.Equal(30, run.GetProperty("progress").GetProperty("rows").GetInt64());
        var objects = await portal.ReadAllAsync(integration);
        Assert.Equal(2, objects.Keys.Count(k => k.EndsWith(".csv.gz", StringComparison.Ordinal)));
        Assert.Single(objects.Keys, k => k.Contains("_manifests/", StringComparison.Ordinal));
        var manifest = await (await api.GetAsync($"/api/runs/{runId}/manifest")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(runId, manifest.GetProperty("runId").GetGuid());
        Assert.Equal(30, manifest.GetProperty("rows").GetInt64());
        var history = await (await api.GetAsync($"/api/schedules/{schedule}/runs")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(runId, Assert.Single(history.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Pause_and_resume_change_the_schedule_and_are_audited_in_the_tokens_users_name()
    {
        var api = await AdminAsync();
        var (_, _, _, schedule) = await ExportAsync(api, "apipause");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/schedules/{schedule}/pause", new { reason = "Bucket migration" })).StatusCode);
        var paused = await (await api.GetAsync($"/api/schedules/{schedule}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/schedules/{schedule}/resume", null)).StatusCode);
        var resumed = await (await api.GetAsync($"/api/schedules/{schedule}")).JsonAsync(HttpStatusCode.OK);

        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("Bucket migration", paused.GetProperty("pauseReason").GetString());
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        await using var db = await portal.DbAsync();
        var name = paused.GetProperty("name").GetString();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.Category == "exports" && e.TargetName == name).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["ExportScheduleCreated", "ExportSchedulePaused", "ExportScheduleResumed"], events.Select(e => e.Code));
        Assert.All(events, e => Assert.Equal(ApiClients.ApiUserEmail(PortalRoles.Admin), e.Login));
    }

    [Fact]
    public async Task A_schedule_takes_firstRun_and_shows_it_the_workbooks_range_by_default()
    {
        var api = await AdminAsync();
        var (integration, workbook, element, byDefault) = await ExportAsync(api, "apifirstrun");

        var chosen = (await (await api.PostJsonAsync("/api/schedules", new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = UriTemplate,
            frequencyKind = "EveryHours", everyHours = 12, firstRun = "AllRetainedEvents",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var refused = await api.PostJsonAsync("/api/schedules", new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = UriTemplate,
            frequencyKind = "EveryHours", everyHours = 12, firstRun = "Yesterday",
        });

        Assert.Equal("WorkbookRange", (await (await api.GetAsync($"/api/schedules/{byDefault}")).JsonAsync(HttpStatusCode.OK)).GetProperty("firstRun").GetString());
        Assert.Equal("AllRetainedEvents", (await (await api.GetAsync($"/api/schedules/{chosen}")).JsonAsync(HttpStatusCode.OK)).GetProperty("firstRun").GetString());
        Assert.Equal(ExportFirstRun.AllRetainedEvents, (await portal.ScheduleRowAsync(chosen)).FirstRun);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_schedule_takes_includeIdentityColumns_off_by_default_PUT_changes_it_and_a_non_boolean_is_refused()
    {
        var api = await AdminAsync();
        var (integration, workbook, element, byDefault) = await ExportAsync(api, "apiidentitycolumns");
        object Body(object includeIdentityColumns) => new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = UriTemplate,
            frequencyKind = "EveryHours", everyHours = 12, includeIdentityColumns,
        };
        async Task<bool> ShownAsync(Guid id) =>
            (await (await api.GetAsync($"/api/schedules/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("includeIdentityColumns").GetBoolean();

        var chosen = (await (await api.PostJsonAsync("/api/schedules", Body(true))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var problem = await (await api.PostJsonAsync("/api/schedules", Body("yes"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(await ShownAsync(byDefault));
        Assert.True(await ShownAsync(chosen));
        Assert.True((await portal.ScheduleRowAsync(chosen)).IncludeIdentityColumns);
        Assert.Equal(["Use true or false."], problem.Errors("includeIdentityColumns"));
        var listed = await (await api.GetAsync($"/api/schedules?workbookId={workbook}")).JsonAsync(HttpStatusCode.OK);
        (Guid, bool)[] both = [(byDefault, false), (chosen, true)];
        Assert.Equal(both, listed.EnumerateArray().Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("includeIdentityColumns").GetBoolean())).OrderBy(s => s.Item2));

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutJsonAsync($"/api/schedules/{chosen}", Body(false))).StatusCode);
        Assert.False(await ShownAsync(chosen));
    }

    [Fact]
    public async Task A_bad_frequency_answers_400_with_the_forms_own_message()
    {
        var api = await AdminAsync();
        var (integration, workbook, element, _) = await ExportAsync(api, "apibadfrequency");
        var theForm = await portal.Schedules.CreateAsync(Principals.Admin(), new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration, UriTemplate = UriTemplate,
            FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 5,
        });

        var problem = await (await api.PostJsonAsync("/api/schedules", new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = UriTemplate, frequencyKind = "EveryHours", everyHours = 5,
        })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(theForm.Errors["EveryHours"], problem.Errors("everyHours"));
    }

    [Fact]
    public async Task A_read_only_token_may_list_but_not_send_and_a_write_only_token_may_not_read_runs()
    {
        var admin = await AdminAsync();
        var (_, _, _, schedule) = await ExportAsync(admin, "apireadonly");
        var reader = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.AuditRead);

        var listed = await (await reader.GetAsync("/api/schedules")).JsonAsync(HttpStatusCode.OK);
        var refused = await (await reader.PostAsync($"/api/schedules/{schedule}/send-now", null)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetGuid() == schedule);
        Assert.Equal("This token lacks the scope exports:write.", refused.GetProperty("detail").GetString());
        var writer = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite);
        var noRead = await (await writer.GetAsync($"/api/schedules/{schedule}/runs")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("This token lacks the scope audit:read.", noRead.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_auditors_token_finds_no_schedule_of_an_admin_to_send_pause_or_delete()
    {
        var (_, _, _, schedule) = await ExportAsync(await AdminAsync(), "apiauditor");
        var auditor = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.ExportsWrite, ApiScopes.AuditRead);

        await (await auditor.PostAsync($"/api/schedules/{schedule}/send-now", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.PostAsync($"/api/schedules/{schedule}/pause", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await auditor.DeleteAsync($"/api/schedules/{schedule}")).ProblemAsync(HttpStatusCode.NotFound);
        var refused = await (await auditor.GetAsync("/api/integrations")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.False((await portal.ScheduleRowAsync(schedule)).Paused);
        Assert.Equal("This token lacks the scope admin.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Send_now_while_a_run_of_the_schedule_is_going_answers_409_and_starts_nothing()
    {
        var api = await AdminAsync();
        var (_, _, _, schedule) = await ExportAsync(api, "apiconflict");
        var going = new ExportRun { Id = Guid.NewGuid(), ScheduleId = schedule, Status = ExportRunStatus.Running, StartedAtUtc = DateTime.UtcNow, RunToken = "going" };
        await using (var db = await portal.DbAsync())
        {
            db.ExportRuns.Add(going);
            await db.SaveChangesAsync();
        }

        var problem = await (await api.PostAsync($"/api/schedules/{schedule}/send-now", null)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("already in progress", problem.GetProperty("detail").GetString());
        await using var after = await portal.DbAsync();
        Assert.Equal([going.Id], await after.ExportRuns.Where(r => r.ScheduleId == schedule).Select(r => r.Id).ToListAsync());
        after.ExportRuns.Remove(going);
        await after.SaveChangesAsync();
    }

    [Fact]
    public async Task An_unknown_schedule_or_run_is_404()
    {
        var api = await AdminAsync();

        await (await api.GetAsync($"/api/schedules/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/schedules/{Guid.NewGuid()}/send-now", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/schedules/{Guid.NewGuid()}/runs")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/runs/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/runs/{Guid.NewGuid()}/manifest")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
