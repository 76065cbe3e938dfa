using System.Net;
using AdminPortal.CloudStorage.Connection;
using Azure;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>Turns the SDK's errors into the cloud's code and first line; what never reached the service stays as thrown.</summary>
internal static class AzureErrors
{
    /// <summary>Runs one SDK call, translating a service error.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex) when (ex.Status > 0)
        {
            throw From(ex);
        }
    }

    /// <summary>
    /// The SDK's message starts with the service's own (the XML error's Message) and goes on with the status, the
    /// headers and the whole body: only its first line is kept. A body that is not Azure's XML (a proxy's or an
    /// internal service's page) is never echoed.
    /// </summary>
    public static CloudStorageException From(RequestFailedException ex)
    {
        var response = ex.GetRawResponse();
        string? text;
        if (ex.ErrorCode is not null)
        {
            text = ex.Message.Split('\n')[0].Trim();
        }
        else
        {
            text = response?.Content is { IsEmpty: false } ? $"HTTP {ex.Status} {response.ReasonPhrase}. {ErrorText.NotACloudError}" : response?.ReasonPhrase;
        }

        return new CloudStorageException(CloudStorageException.Describe(ex.ErrorCode, text), ex.ErrorCode, (HttpStatusCode)ex.Status, ex);
    }
}
