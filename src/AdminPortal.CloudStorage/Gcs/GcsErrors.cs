using System.Globalization;
using Google;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>Turns the SDK's <see cref="GoogleApiException"/> into the portal's error: the reason GCS gave (or the status) and its message, cut to a line.</summary>
internal static class GcsErrors
{
    public static CloudStorageException From(GoogleApiException exception)
    {
        var error = exception.Error;
        // GCS: {"error": {"code": 404, "message": "...", "errors": [{"reason": "notFound"}]}}; a proxy's page or the
        // emulator's plain text has no JSON, and the SDK keeps the body as ErrorResponseContent.
        var reason = error?.Errors?.FirstOrDefault()?.Reason;
        var message = error?.Message ?? error?.ErrorResponseContent;
        var status = (int)exception.HttpStatusCode;
        var code = reason ?? (status > 0 ? status.ToString(CultureInfo.InvariantCulture) : null);
        return new CloudStorageException(CloudStorageException.Describe(code, message), code, status > 0 ? exception.HttpStatusCode : null, exception);
    }

    /// <summary>Runs an SDK call, giving its error as a <see cref="CloudStorageException"/>.</summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (GoogleApiException ex)
        {
            throw From(ex);
        }
    }
}
