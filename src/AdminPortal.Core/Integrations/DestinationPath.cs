namespace AdminPortal.Core.Integrations;

/// <summary>
/// The Destination field of the forms: one path per cloud, as the customer copies it from their console.
/// AWS <c>s3://bucket/prefix</c>, Azure <c>azure://account/container/prefix</c> or the blob URL, GCP <c>gs://bucket/folder</c>;
/// the scheme may be left out. Naming rules are checked later, by the destination validators.
/// </summary>
public static class DestinationPath
{
    public static string Example(IntegrationCloud cloud) => cloud switch
    {
        IntegrationCloud.Aws => "s3://my-audit-bucket/adminportal/",
        IntegrationCloud.Azure => "azure://mystorageaccount/audit-logs/adminportal/",
        _ => "gs://my-audit-bucket/adminportal/",
    };

    /// <summary>Splits a path into bucket (or container), Azure account and prefix; an error message when it cannot.</summary>
    public static (string Bucket, string? Account, string Prefix, string? Error) Parse(IntegrationCloud cloud, string? text)
    {
        var path = (text ?? "").Trim();
        if (path.Length == 0)
        {
            return ("", null, "", $"Enter the destination, such as {Example(cloud)}");
        }

        path = StripScheme(cloud, path, out var error);
        if (error is not null)
        {
            return ("", null, "", error);
        }

        var parts = path.Split('/', 2);
        if (cloud != IntegrationCloud.Azure)
        {
            return parts[0].Length == 0
                ? ("", null, "", $"The destination starts with the bucket name, such as {Example(cloud)}")
                : (parts[0], null, parts.Length > 1 ? parts[1] : "", null);
        }

        var rest = parts.Length > 1 ? parts[1].Split('/', 2) : [""];
        if (parts[0].Length == 0 || rest[0].Length == 0)
        {
            return ("", null, "", $"An Azure destination names the storage account and the container, such as {Example(cloud)}");
        }

        return (rest[0], parts[0], rest.Length > 1 ? rest[1] : "", null);
    }

    /// <summary>The path as the forms show it, the inverse of <see cref="Parse"/>.</summary>
    public static string Format(IntegrationCloud cloud, string bucket, string? account, string prefix) => cloud switch
    {
        IntegrationCloud.Aws => $"s3://{bucket}/{prefix}",
        IntegrationCloud.Azure => $"azure://{account}/{bucket}/{prefix}",
        _ => $"gs://{bucket}/{prefix}",
    };

    private static string StripScheme(IntegrationCloud cloud, string path, out string? error)
    {
        error = null;
        var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return path.TrimStart('/');
        }

        var scheme = path[..schemeEnd].ToLowerInvariant();
        var rest = path[(schemeEnd + 3)..];
        switch (cloud, scheme)
        {
            case (IntegrationCloud.Aws, "s3"):
            case (IntegrationCloud.Azure, "azure"):
            case (IntegrationCloud.Gcp, "gs"):
                return rest;
            case (IntegrationCloud.Azure, "https"):
                // https://account.blob.core.windows.net/container/prefix, as the portal shows a container's URL.
                var slash = rest.IndexOf('/');
                var host = slash < 0 ? rest : rest[..slash];
                const string BlobHost = ".blob.core.windows.net";
                if (host.EndsWith(BlobHost, StringComparison.OrdinalIgnoreCase))
                {
                    return host[..^BlobHost.Length] + (slash < 0 ? "" : rest[slash..]);
                }

                error = "An Azure URL is https://<account>.blob.core.windows.net/<container>/<prefix>; for another endpoint enter the service URL separately.";
                return "";
            default:
                error = $"{cloud switch { IntegrationCloud.Aws => "An AWS", IntegrationCloud.Azure => "An Azure", _ => "A GCP" }} destination looks like {Example(cloud)}";
                return "";
        }
    }
}
