using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using AdminPortal.Core.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Security;

/// <summary>
/// Throttles the sign-in and setup form posts per client address, in front of Identity's per-account lockout. Page loads
/// are not counted. The address is the one after the trusted proxies (<see cref="ReverseProxyOptions"/>).
/// </summary>
public sealed class SignInRateLimitPolicy(IOptions<SignInPolicyOptions> options, ILogger<SignInRateLimitPolicy> logger) : IRateLimiterPolicy<string>
{
    public const string Name = "sign-in";

    private const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Too many attempts · AdminPortal</title></head>
        <body><main data-testid="throttled">
        <h1>Too many attempts</h1>
        <p>There were too many sign-in attempts from your network address. Wait {0} seconds, then <a href="/signin">try again</a>.</p>
        </main></body></html>
        """;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : options.Value.AttemptWindowSeconds;
        var response = context.HttpContext.Response;
        logger.LogWarning("Sign-in attempts from {ClientAddress} throttled for {Seconds} s", PartitionKey(context.HttpContext), seconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(string.Format(CultureInfo.InvariantCulture, Page, seconds), ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var policy = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = policy.AttemptsPerAddress,
            Window = TimeSpan.FromSeconds(policy.AttemptWindowSeconds),
            QueueLimit = 0,
        });
    }

    /// <summary>An IPv4 address, or an IPv6 /64: one host usually holds a whole /64.</summary>
    internal static string PartitionKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
