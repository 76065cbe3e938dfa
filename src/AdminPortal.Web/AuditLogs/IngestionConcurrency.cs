using System.Threading.RateLimiting;
using AdminPortal.Core.AuditLogs.Ingestion;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.AuditLogs;

/// <summary>
/// At most <see cref="IngestionOptions.MaxConcurrentRequests"/> ingestion requests at once, across all tokens: each
/// holds a spooled body (up to the request limit on disk) and its share of memory while it waits for the writer. The
/// rest get a 429 with Retry-After at once rather than a queue that holds their connections.
/// </summary>
public sealed class IngestionConcurrency(IOptions<IngestionOptions> options) : IEndpointFilter, IDisposable
{
    private readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentRequests,
        QueueLimit = 0,
    });

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            await IngestionRateLimiterPolicy.TooManyAsync(context.HttpContext, TimeSpan.FromSeconds(1),
                "The portal is busy with other ingestion requests", context.HttpContext.RequestAborted);
            return Results.Empty;
        }
        return await next(context);
    }

    public void Dispose() => limiter.Dispose();
}
