using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs.Collection;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Ledger.Matching;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.AuditLogs;

public static class IngestionEndpoints
{
    /// <summary>POST /api/audit-events (JSON or NDJSON) and POST /api/audit-events/csv (Brainwave collection), with an API token holding audit:ingest.</summary>
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(PortalUrls.IngestionApi).RequireAuthorization(Policies.ApiScope(ApiScopes.AuditIngest)).DisableAntiforgery()
            .RequireRateLimiting(IngestionRateLimiterPolicy.Name)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<IngestionConcurrency>());

        api.MapPost("", async (HttpContext context, AuditIngestion ingestion, IngestionSpool spool, IOptions<IngestionOptions> options, bool? atomic) =>
        {
            if (AuditEventParser.FormatOf(context.Request.ContentType) is not { } format)
            {
                return Results.Json(new { error = "Send application/json (an event or an array of events) or application/x-ndjson (one event per line)." },
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            return await WithinLimitAsync(context, options.Value, async () =>
            {
                // The whole body first, then the writer: it holds the write gate while it reads (IngestionSpool).
                await using var body = await spool.SpoolAsync(context.Request.Body, context.RequestAborted);
                return await ingestion.IngestAsync(body, format, atomic == true, context.RequestAborted);
            });
        })
        .WithTags("Ingestion")
        .WithSummary("Ingest audit events: a JSON event, a JSON array, or NDJSON (one event per line); ?atomic=true stores all or nothing");

        api.MapPost("/csv", async (HttpContext context, AuditIngestion ingestion, MatchAfterCollection matching, IOptions<IngestionOptions> options,
            bool? atomic) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.Json(new { error = "Send multipart/form-data with three files: log, properties and mapping." },
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            return await WithinLimitAsync(context, options.Value, async () =>
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var missing = new[] { "log", "properties", "mapping" }.Where(name => form.Files[name] is null).ToList();
                if (missing.Count > 0)
                {
                    return new IngestionReport(0, 0, 0, 0, [], $"Missing file(s): {string.Join(", ", missing)}. Nothing was stored.");
                }

                // The policy the collection names runs at its end (Brainwave's silo); an unknown one refuses the collection first.
                var policy = form["policy"].FirstOrDefault();
                if (await matching.CheckAsync(policy, context.RequestAborted) is { } unknown)
                {
                    return new IngestionReport(0, 0, 0, 0, [], unknown);
                }

                await using var log = form.Files["log"]!.OpenReadStream();
                await using var properties = form.Files["properties"]!.OpenReadStream();
                await using var mapping = form.Files["mapping"]!.OpenReadStream();
                var report = await ingestion.CollectCsvAsync(
                    new CsvCollectionInput(log, properties, mapping, form.Files["log"]!.FileName), atomic == true, context.RequestAborted);
                return await matching.RunAsync(policy, report, context.RequestAborted);
            });
        })
        .WithTags("Ingestion")
        .WithSummary("Collect a Brainwave CSV export: multipart/form-data with the files log, properties and mapping, and optionally the field policy (a matching policy run over the collected events' time range)");
        return endpoints;
    }

    private static async Task<IResult> WithinLimitAsync(HttpContext context, IngestionOptions options, Func<Task<IngestionReport>> ingest)
    {
        var tooLarge = Results.Json(new { error = $"The request is larger than {options.MaxRequestBytes:N0} bytes: split the batch." },
            statusCode: StatusCodes.Status413PayloadTooLarge);
        if (context.Request.ContentLength > options.MaxRequestBytes)
        {
            return tooLarge;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        IngestionReport report;
        try
        {
            report = await ingest();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body past the limit: the transaction was never committed, so nothing is stored.
            return tooLarge;
        }

        var body = new
        {
            received = report.Received,
            stored = report.Stored,
            duplicates = report.Duplicates,
            rejected = report.Rejected,
            rejections = report.Rejections.Select(r => new { line = r.Line, eventId = r.EventId, reason = r.Reason }),
            // Only the first rejections are listed, so that a body of garbage does not make an answer as large.
            rejectionsNotListed = report.NotListed,
            error = report.Error,
            // The run of the matching policy a CSV collection named, when it named one and stored events.
            matching = report.Matching,
        };
        return Results.Json(body, statusCode: report.Error is null ? StatusCodes.Status200OK
            : report.Rejected > 0 && report.Received > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);
    }
}
