using AdminPortal.Core.Data;
using AdminPortal.Web.Health;
using Microsoft.AspNetCore.Diagnostics;

namespace AdminPortal.Web.Errors;

/// <summary>
/// An unexpected error: logged with an error id that the answer shows. API routes get RFC 9457 problem+json; pages the
/// status page (503 when the database is busy, unreachable, read-only or out of disk on either provider: DatabaseErrors; 500 otherwise), never a stack trace.
/// </summary>
public sealed class PortalExceptionHandler(
    IProblemDetailsService problems,
    DatabaseWriteFailures writeFailures,
    ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>HttpContext.Items key of the error id, for the status page.</summary>
    public const string ErrorIdKey = "AdminPortal.ErrorId";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var errorId = context.TraceIdentifier;
        context.Items[ErrorIdKey] = errorId;
        var unavailable = DatabaseErrors.Classify(exception);
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (unavailable is not null)
        {
            writeFailures.Record(unavailable.Message);
            logger.LogError(exception, "Request {Method} {Path} failed, error id {ErrorId}: the database cannot take it ({DatabaseErrorKind} {DatabaseError})",
                context.Request.Method, path, errorId, unavailable.Kind, unavailable.Code);
        }
        else
        {
            logger.LogError(exception, "Request {Method} {Path} failed, error id {ErrorId}", context.Request.Method, path, errorId);
        }

        var status = unavailable is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
        context.Response.StatusCode = status;
        if (WebServices.IsApiPath(path))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = status,
                    Title = unavailable is null ? "Something went wrong." : "The database is busy or cannot be written.",
                    Detail = (unavailable is null ? "" : "Try again in a moment; if it persists, the portal's disk may be full or read-only. ") +
                        $"The error was logged with id {errorId}.",
                    Extensions = { ["errorId"] = errorId },
                },
            });
        }

        // Pages: the status page, re-executed as a GET (a form post re-executed as a POST reaches it as a stray form).
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = PortalUrls.Status(status);
        return false;
    }
}
