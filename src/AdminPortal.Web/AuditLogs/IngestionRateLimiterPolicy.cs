using System.Globalization;
using System.Threading.RateLimiting;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.AuditLogs;

/// <summary>
/// Requests per ingestion token: a token bucket of <see cref="IngestionOptions.RequestBurstPerToken"/> refilled at
/// <see cref="IngestionOptions.RequestsPerSecondPerToken"/>, so one sender (or one leaked token) cannot take the
/// writer from every other; past it, 429 with Retry-After. Runs after authentication, so the partition is the token.
/// </summary>
public sealed class IngestionRateLimiterPolicy(IOptions<IngestionOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "ingestion";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, ct) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return TooManyAsync(context.HttpContext, retryAfter, "This ingestion token sent more requests than it may", ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var token = httpContext.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value ?? "";
        var limits = options.Value;
        return RateLimitPartition.GetTokenBucketLimiter(token, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.RequestBurstPerToken,
            TokensPerPeriod = limits.RequestsPerSecondPerToken,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>A 429 whose Retry-After is whole seconds, at least one, with the error in the API's JSON shape.</summary>
    internal static async ValueTask TooManyAsync(HttpContext context, TimeSpan retryAfter, string what, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new { error = $"{what}: retry after {seconds} s (see the Retry-After header)." }, ct);
    }
}
