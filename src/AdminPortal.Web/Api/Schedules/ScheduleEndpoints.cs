using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;
using AdminPortal.Web.Api.OpenApi;
using AdminPortal.Web.Api.Runs;

namespace AdminPortal.Web.Api.Schedules;

/// <summary>/api/schedules: scheduled exports of workbook elements (read: audit:read; change and Send now: exports:write).</summary>
public static class ScheduleEndpoints
{
    public static RouteGroupBuilder MapSchedules(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules");
        var read = Policies.ApiScope(ApiScopes.AuditRead);
        var write = Policies.ApiScope(ApiScopes.ExportsWrite);

        group.MapGet("", async (ClaimsPrincipal user, int? workbookId, ScheduledExportService schedules, CancellationToken ct) =>
                TypedResults.Ok(await schedules.ListAsync(user, workbookId, ct)))
            .WithSummary("List the export schedules (of one workbook with ?workbookId=); an Auditor sees their own")
            .RequireAuthorization(read);

        group.MapGet("/{id:guid}", async (ClaimsPrincipal user, Guid id, ScheduledExportService schedules, CancellationToken ct) =>
                await schedules.SummaryAsync(user, id, ct) is { } schedule ? Results.Ok(schedule) : ApiResults.NotFound(StartSendNow.NotFoundMessage))
            .WithSummary("One export schedule")
            .Produces<ScheduledExportSummary>()
            .RequireAuthorization(read);

        group.MapPost("", async (ClaimsPrincipal user, ScheduleExportCommand command, ScheduledExportService schedules, CancellationToken ct) =>
                ApiResults.Created(await schedules.CreateAsync(user, command, ct), "schedules", id => id, id => new CreatedScheduleResponse(id)))
            .WithSummary("Schedule the export of a workbook's table element to a storage integration")
            .Produces<CreatedScheduleResponse>(StatusCodes.Status201Created)
            .WithRequestExample(ApiExamples.Schedule)
            .RequireAuthorization(write);

        group.MapPut("/{id:guid}", async (ClaimsPrincipal user, Guid id, ScheduleExportCommand command, ScheduledExportService schedules,
                CancellationToken ct) => ApiResults.NoContent(await schedules.UpdateAsync(user, id, command, ct)))
            .WithSummary("Edit an export schedule (everything but its owner and watermark; its workbook stays)")
            .WithRequestExample(ApiExamples.Schedule)
            .RequireAuthorization(write);

        group.MapPost("/{id:guid}/pause", async (ClaimsPrincipal user, Guid id, PauseScheduleRequest? request, ScheduledExportService schedules,
                CancellationToken ct) => ApiResults.NoContent(await schedules.PauseAsync(user, id, request?.Reason, ct)))
            .WithSummary("Pause an export schedule (its firings are skipped; Send now still runs it)")
            .WithRequestExample(new PauseScheduleRequest("Bucket migration this week"))
            .RequireAuthorization(write);

        group.MapPost("/{id:guid}/resume", async (ClaimsPrincipal user, Guid id, ScheduledExportService schedules, CancellationToken ct) =>
                ApiResults.NoContent(await schedules.ResumeAsync(user, id, ct)))
            .WithSummary("Resume a paused export schedule")
            .RequireAuthorization(write);

        group.MapDelete("/{id:guid}", async (ClaimsPrincipal user, Guid id, ScheduledExportService schedules, CancellationToken ct) =>
                ApiResults.NoContent(await schedules.DeleteAsync(user, id, ct)))
            .WithSummary("Delete an export schedule (its runs' objects stay in the bucket)")
            .RequireAuthorization(write);

        group.MapPost("/{id:guid}/send-now", async (ClaimsPrincipal user, Guid id, StartSendNow sendNow, CancellationToken ct) =>
                ApiResults.Created(await sendNow.HandleAsync(user, id, ct), "runs", run => run, run => new SendNowResponse(run), accepted: true))
            .WithSummary("Send now: start a run at once (paused or not); it goes on after the answer, poll its Location")
            .Produces<SendNowResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(write);

        group.MapGet("/{id:guid}/runs", async (ClaimsPrincipal user, Guid id, int? take, ScheduledExportService schedules, CancellationToken ct) =>
                await schedules.GetAsync(user, id, ct) is null
                    ? ApiResults.NotFound(StartSendNow.NotFoundMessage)
                    : Results.Ok((await schedules.HistoryAsync(user, id, take ?? 50, ct)).Select(RunResponse.From)))
            .WithSummary("Run history, newest first (?take=, at most 500)")
            .Produces<IEnumerable<RunResponse>>()
            .RequireAuthorization(read);
        return api;
    }
}
