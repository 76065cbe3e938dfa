using System.Net;

namespace AdminPortal.CloudStorage;

/// <summary>A cloud refused or failed a request; <see cref="Exception.Message"/> is the cloud's own error text (code and message).</summary>
public sealed class CloudStorageException(string message, string? errorCode, HttpStatusCode? statusCode, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The cloud's error code, e.g. <c>NoSuchBucket</c>, <c>AuthorizationFailure</c>, <c>notFound</c>.</summary>
    public string? ErrorCode { get; } = errorCode;

    public HttpStatusCode? StatusCode { get; } = statusCode;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>The error came from AWS STS while assuming the customer's role, not from the bucket.</summary>
    public bool FromRoleAssumption { get; init; }

    /// <summary>Joins a code and a message the way the clouds' consoles show them, each bounded (<see cref="Connection.ErrorText"/>).</summary>
    internal static string Describe(string? code, string? message) => (Connection.ErrorText.Clip(code, 100), Connection.ErrorText.Clip(message)) switch
    {
        ({ Length: > 0 } c, { Length: > 0 } m) => $"{c}: {m}",
        ({ Length: > 0 } c, _) => message is null ? c : $"{c}: {Connection.ErrorText.NotACloudError}",
        (_, { Length: > 0 } m) => m,
        (_, _) when message is not null => Connection.ErrorText.NotACloudError,
        _ => "The cloud returned an error without a message.",
    };
}
