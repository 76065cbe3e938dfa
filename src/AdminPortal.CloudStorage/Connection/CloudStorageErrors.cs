using System.Net.Sockets;

namespace AdminPortal.CloudStorage.Connection;

/// <summary>What a caller that retries needs to know of a cloud error: worth another try, or not; and the hint for people.</summary>
public static class CloudStorageErrors
{
    // Throttling and server-side trouble, by the names the three clouds give them.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "ServerBusy", "OperationTimedOut",
        "InternalServerError", "backendError", "rateLimitExceeded", "md5Mismatch", "uploadFinalizedEarly",
    };

    /// <summary>
    /// True for errors another attempt may not meet: throttling (429, SlowDown), server errors (5xx), timeouts, a refused
    /// or dropped connection. False for what only a person can fix: access denied, a missing bucket, bad credentials.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        // A refused address stays refused: the HttpRequestException around it is not a network hiccup.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Network.EndpointRefusedException)
            {
                return false;
            }
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CloudStorageException cloud when cloud.ErrorCode is { } code && TransientCodes.Contains(code):
                    return true;
                case CloudStorageException { StatusCode: { } status } when (int)status > 0:
                    return (int)status is 408 or 429 or >= 500;
                case CloudStorageException:
                    continue; // no status: a network failure, told by the inner exception
                case HttpRequestException or SocketException or IOException or TimeoutException:
                    return true;
                case TaskCanceledException:
                    return true; // an HTTP client timeout; the caller checks its own token first
            }
        }

        return false;
    }

    /// <summary>The usual cause of an error, as the connection test explains it.</summary>
    public static string Hint(Exception exception) =>
        ConnectionHints.HintFor(exception, Find(exception));

    private static CloudStorageException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is CloudStorageException cloud)
            {
                return cloud;
            }
        }

        return null;
    }
}
