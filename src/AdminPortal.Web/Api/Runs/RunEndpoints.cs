using System.Security.Claims;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;

namespace AdminPortal.Web.Api.Runs;

/// <summary>/api/runs: one export run's status and progress, and its manifest (audit:read).</summary>
public static class RunEndpoints
{
    private const string NotFound = "That export run does not exist, or its schedule is not yours.";

    public static RouteGroupBuilder MapRuns(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs").WithTags("Runs").RequireAuthorization(Policies.ApiScope(ApiScopes.AuditRead));

        group.MapGet("/{runId:guid}", async (ClaimsPrincipal user, Guid runId, GetExportRun runs, CancellationToken ct) =>
                await runs.HandleAsync(user, runId, ct) is { } run ? Results.Ok(RunResponse.From(run)) : ApiResults.NotFound(NotFound))
            .WithSummary("A run's status, and while it is Running its progress")
            .Produces<RunResponse>();

        group.MapGet("/{runId:guid}/manifest", async (ClaimsPrincipal user, Guid runId, GetExportRun runs, ScheduledExportService schedules,
                CancellationToken ct) =>
            {
                if (await runs.HandleAsync(user, runId, ct) is not { } run)
                {
                    return ApiResults.NotFound(NotFound);
                }

                var manifest = await schedules.ManifestAsync(user, run.ScheduleId, runId, ct);
                if (manifest is null)
                {
                    return ApiResults.NotFound("This run wrote no manifest (it failed, is still running, or had nothing new to export).");
                }

                // The use case answers the cloud's refusal to read it back in words rather than the manifest's JSON.
                return IsJson(manifest)
                    ? Results.Text(manifest, "application/json")
                    : TypedResults.Problem(manifest, statusCode: StatusCodes.Status502BadGateway, title: "The manifest cannot be read from the storage.");
            })
            .WithSummary("A finished run's manifest, read back from the storage as a consumer reads it")
            .Produces<ExportManifest>()
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
