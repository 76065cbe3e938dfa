using System.Security.Claims;
using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.AuditLogs;

public static class AuditLogEndpoints
{
    /// <summary>The explorer's current view as a CSV download, written row by row as it is read (never built in memory).</summary>
    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PortalUrls.AuditLogsCsv, async (HttpContext context, ClaimsPrincipal user, AuditLogExplorer explorer) =>
        {
            var ignored = new List<string>();
            var state = ExplorerUrl.Parse(name => context.Request.Query[name].FirstOrDefault(), ignored);
            if (ignored.Count > 0)
            {
                // Dropping an invalid filter would download more rows than asked for: refuse and say which.
                await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The download's filters are not valid.",
                    detail: "Not downloaded, so that it holds no more events than asked for. Invalid: " + string.Join("; ", ignored) + ".",
                    extensions: new Dictionary<string, object?> { ["invalid"] = ignored }).ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit_logs_{explorer.UtcNow:yyyyMMdd_HHmmss}.csv\"";
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
            var columns = state.Columns.Select(AuditColumns.Find).Where(c => c is not null).Select(c => c!).ToList();
            await writer.WriteLineAsync(AuditCsv.Header(columns, formulaGuard: true));
            var rows = 0;
            await foreach (var e in explorer.StreamAsync(user, state, context.RequestAborted))
            {
                await writer.WriteLineAsync(AuditCsv.Row(e, columns, formulaGuard: true));
                if (++rows % 5000 == 0)
                {
                    await writer.FlushAsync(context.RequestAborted);
                }
            }
        }).RequireAuthorization(Policies.AuditLogs);
        return endpoints;
    }
}
