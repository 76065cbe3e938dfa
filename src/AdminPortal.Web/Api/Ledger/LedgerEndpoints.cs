using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Common;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Web.Api.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Api.Ledger;

/// <summary>
/// /api/ledger: imports of the identity ledger's files and the matching policies (scope admin; the use cases let Admins
/// only), and what the explorer reads of the matches (audit:read).
/// </summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ledger").WithTags("Identity ledger");
        var admin = Policies.ApiScope(ApiScopes.Admin);
        var read = Policies.ApiScope(ApiScopes.AuditRead);

        group.MapGet("/policies", async (ClaimsPrincipal user, ListMatchingPolicies list, CancellationToken ct) =>
                TypedResults.Ok((await list.HandleAsync(user, ct)).Select(MatchingPolicyResponse.From)))
            .WithSummary("List the matching policies with their rules in order")
            .RequireAuthorization(read);

        group.MapPut("/policies", async (ClaimsPrincipal user, SaveMatchingPolicyCommand command, SaveMatchingPolicy save, CancellationToken ct) =>
            {
                var saved = await save.HandleAsync(user, command, ct);
                return saved.Succeeded ? Results.Ok(MatchingPolicyResponse.From(saved.Value!)) : ApiResults.Failure(saved);
            })
            .WithSummary("Create a matching policy, or replace the rules of the policy of that name")
            .Produces<MatchingPolicyResponse>()
            .WithRequestExample(new SaveMatchingPolicyCommand("windows", "Accounts of the AD domain",
            [
                new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName, CompareParent: true),
                new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Pattern, DisplayMethod.IdentityFullName, Pattern: @"{domain}\{login}"),
                new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Sid, DisplayMethod.KeyAndParent),
            ]))
            .RequireAuthorization(admin);

        group.MapPost("/policies/{name}/run", async (ClaimsPrincipal user, string name, DateTime? from, DateTime? to, RunMatchingPolicy run,
                CancellationToken ct) =>
            {
                var ran = await run.HandleAsync(user, name, from?.ToUniversalTime(), to?.ToUniversalTime(), ct);
                return ran.Succeeded ? Results.Ok(ran.Value) : ApiResults.Failure(ran);
            })
            .WithSummary("Run a matching policy over from/to (ISO-8601; every event when absent): the range's matches are replaced")
            .Produces<MatchingRunReport>()
            .RequireAuthorization(admin);

        group.MapGet("/unmatched-actors", async (ClaimsPrincipal user, DateTime? from, DateTime? to, LedgerQueries queries, CancellationToken ct) =>
                TypedResults.Ok(new UnmatchedActorsResponse(await queries.CountUnmatchedActorsAsync(user, from?.ToUniversalTime(), to?.ToUniversalTime(), ct))))
            .WithSummary("Count the events of from/to whose actor matched nothing in the ledger")
            .RequireAuthorization(read);

        group.MapGet("/matches", async (ClaimsPrincipal user, long[] eventId, LedgerQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.MatchesOfEventsAsync(user, eventId, ct)))
            .WithSummary("The ledger entities and display names matched to these events (eventId=…&eventId=…): slot 0 the actor, 1 the target, 2 the second target")
            .RequireAuthorization(read);

        group.MapPost("/{kind}", async (HttpContext context, ClaimsPrincipal user, string kind, string? date, ImportLedgerFile import,
                IOptions<IngestionOptions> options, CancellationToken ct) =>
            {
                if (LedgerCsvLayout.Find(kind) is not { } layout)
                {
                    return ApiResults.NotFound($"'{kind}' is not a ledger file: one of {LedgerCsvLayout.FileNames}.");
                }

                DateTime? takenAt = null;
                if (date is not null)
                {
                    if (!SnapshotDate.TryParse(date, out var parsed))
                    {
                        return ApiResults.Failure(Result.Fail("date", $"'{date}' is not {SnapshotDate.Expected}."));
                    }

                    takenAt = parsed;
                }

                if (context.Request.ContentLength > options.Value.MaxRequestBytes)
                {
                    return TooLarge(options.Value);
                }

                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = options.Value.MaxRequestBytes;
                }

                LedgerImportReport report;
                try
                {
                    if (context.Request.HasFormContentType)
                    {
                        var form = await context.Request.ReadFormAsync(ct);
                        if (form.Files["file"] is not { } file)
                        {
                            return ApiResults.Failure(Result.Fail("file", "Send the CSV as the multipart file 'file', or as the body with Content-Type text/csv."));
                        }

                        await using var csv = file.OpenReadStream();
                        report = await import.HandleAsync(user, layout.Kind, csv, file.FileName, takenAt, ct);
                    }
                    else if (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        report = await import.HandleAsync(user, layout.Kind, context.Request.Body, layout.FileName + ".csv", takenAt, ct);
                    }
                    else
                    {
                        return TypedResults.Problem("Send the CSV as text/csv, or as the multipart/form-data file 'file'.",
                            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
                    }
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    // Past the limit while reading: the import's transaction never committed.
                    return TooLarge(options.Value);
                }

                var body = LedgerImportResponse.From(report, layout.FileName);
                return Results.Json(body, statusCode: report.Error is null ? StatusCodes.Status200OK
                    : report.Rejected > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);
            })
            .WithSummary("Import a ledger file (organisations, identities, repositories, accounts, groups, applications, permissions, assets) " +
                "as the snapshot of date (now when absent): text/csv or the multipart file 'file'; stored whole or not at all")
            .Produces<LedgerImportResponse>()
            .Produces<LedgerImportResponse>(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(admin);
        return api;
    }

    private static IResult TooLarge(IngestionOptions options) => TypedResults.Problem(
        $"The file is larger than {options.MaxRequestBytes:N0} bytes (Ingestion:MaxRequestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large.");
}
