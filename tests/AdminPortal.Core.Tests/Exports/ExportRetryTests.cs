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

        Assert.Equal(transient, ExportEngine.IsTransient(error));
    }

    [Fact]
    public void A_refused_connection_is_transient()
    {
        var error = new CloudStorageException("no answer", null, null, new HttpRequestException("Connection refused"));

        Assert.True(CloudStorageErrors.IsTransient(error));
        Assert.True(ExportEngine.IsTransient(new ExportVerificationException("size differs")));
        Assert.False(ExportEngine.IsTransient(new ExportSetupException("element gone")));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_stops_growing_at_the_maximum()
    {
        var settings = new ExportOptions { RetryBaseSeconds = 2, RetryMaxSeconds = 10 };

        for (var i = 0; i < 50; i++)
        {
            var first = ExportEngine.Backoff(1, settings).TotalSeconds;
            var third = ExportEngine.Backoff(3, settings).TotalSeconds;
            var tenth = ExportEngine.Backoff(10, settings).TotalSeconds;
            Assert.InRange(first, 1, 2);
            Assert.InRange(third, 4, 8);
            Assert.InRange(tenth, 5, 10);
        }
    }
}
