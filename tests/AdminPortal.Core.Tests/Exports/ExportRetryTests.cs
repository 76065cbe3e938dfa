using System.Net;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.Core.Exports;

namespace AdminPortal.Core.Tests.Exports;

public sealed class ExportRetryTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequests", true)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", true)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", false)]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", false)]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationFailure", false)]
    public void Throttling_and_server_errors_are_retried_access_and_missing_buckets_are_not(HttpStatusCode status, string code, bool transient)
    {
        var error = new CloudStorageException($"{code}: the cloud's text", code, status);

        Assert.Equal(transient, ExportRetryPolicy.IsTransient(error));
    }

    [Fact]
    public void A_refused_connection_is_transient()
    {
        var error = new CloudStorageException("no answer", null, null, new HttpRequestException("Connection refused"));

        Assert.True(CloudStorageErrors.IsTransient(error));
        Assert.True(ExportRetryPolicy.IsTransient(new ExportVerificationException("size differs")));
        Assert.False(ExportRetryPolicy.IsTransient(new ExportSetupException("element gone")));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_stops_growing_at_the_maximum()
    {
        var settings = new ExportOptions { RetryBaseSeconds = 2, RetryMaxSeconds = 10 };

        for (var i = 0; i < 50; i++)
        {
            var first = ExportRetryPolicy.Backoff(1, settings).TotalSeconds;
            var third = ExportRetryPolicy.Backoff(3, settings).TotalSeconds;
            var tenth = ExportRetryPolicy.Backoff(10, settings).TotalSeconds;
            Assert.InRange(first, 1, 2);
            Assert.InRange(third, 4, 8);
            Assert.InRange(tenth, 5, 10);
        }
    }

    [Fact]
    public void A_waiting_retry_reads_as_the_attempt_to_come_of_all_when_and_the_clouds_error()
    {
        var now = new DateTime(2026, 12, 4, 20, 0, 0, DateTimeKind.Utc);

        var retry = ExportRetry.After(2, 5, now.AddSeconds(7.2), "SlowDown: Please reduce your request rate.");

        Assert.Equal("retrying (attempt 3 of 5, next in 8 s): SlowDown: Please reduce your request rate.", retry.Describe(now));
        Assert.Equal("retrying (attempt 3 of 5, next in 0 s): SlowDown: Please reduce your request rate.", retry.Describe(now.AddSeconds(9)));
    }

    [Fact]
    public void A_long_cloud_error_is_cut_in_the_retry_line() =>
        Assert.Equal(ErrorText.MaxMessageLength, ExportRetry.After(1, 5, DateTime.UtcNow, new string('x', 5000)).Error.Length);

    [Fact]
    public void The_retry_line_keeps_only_the_first_line_of_an_error_and_none_of_its_markup()
    {
        var retry = ExportRetry.After(1, 5, DateTime.UtcNow, "ServiceUnavailable: <html><body>Bad gateway</body></html>\n   at Some.Stack.Frame()");

        Assert.Equal("ServiceUnavailable", retry.Error);
    }
}
