using System.Net;
using System.Net.Sockets;
using AdminPortal.CloudStorage.Network;

namespace AdminPortal.CloudStorage.Connection;

/// <summary>Turns a failed connection test into the cloud's own words plus a hint of the usual cause.</summary>
internal static class ConnectionHints
{
    public static ConnectionTestResult Explain(Exception exception)
    {
        var cloud = Find<CloudStorageException>(exception);
        var status = Find<EndpointRefusedException>(exception)?.Message ?? cloud?.Message ?? ErrorText.Clip(Innermost(exception).Message) ?? exception.GetType().Name;
        return new ConnectionTestResult(false, status, HintFor(exception, cloud));
    }

    public const string PortalKeyRefused = "STS refused the portal's own AWS key: the portal's operator checks Integrations:AwsIamUserAccessKeyId "
        + "and Integrations:AwsIamUserSecretAccessKey (an active key of Integrations:AwsIamUserArn), then test again.";

    internal static string HintFor(Exception exception, CloudStorageException? cloud)
    {
        if (Find<EndpointRefusedException>(exception) is not null)
        {
            return "Nothing was sent. Custom endpoints and the hosts they may name are set by the portal's operator ("
                + EndpointPolicy.SettingsHint + "); link-local and metadata addresses are never allowed.";
        }

        if (cloud?.ErrorCode == "PortalIdentityNotConfigured")
        {
            return "Set Integrations:AwsIamUserArn, Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey "
                + "(environment: Integrations__AwsIamUserArn and so on), then test again.";
        }

        var text = string.Join(" | ", Chain(exception).Select(e => e.Message));
        var code = cloud?.ErrorCode ?? "";

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                ? "The endpoint's host name does not resolve: check the account, bucket or service URL, and the portal's DNS."
                : "The endpoint did not answer: check the service URL, the port, and that a firewall or proxy lets the portal out.";
        }

        if (Find<HttpRequestException>(exception) is not null && cloud is null)
        {
            return "The endpoint could not be reached: check the service URL and the portal's network access.";
        }

        if (Contains(text, "AADSTS90002") || Contains(text, "AADSTS900023") || Contains(text, "AADSTS700016")
            || (Contains(text, "tenant") && Contains(text, "not found")))
        {
            return "The tenant id is wrong, or the application is not registered (or not consented) in that tenant.";
        }

        if (Is(code, "RequestTimeTooSkewed") || Contains(text, "clock skew") || Contains(text, "Request date header too old")
            || Contains(text, "RequestExpired") || Contains(text, "signature expired"))
        {
            return "The portal's clock differs too much from the cloud's: synchronize the server's time (NTP).";
        }

        // STS refusing the portal's own key is the operator's to fix, not the customer's: no form field holds it.
        if (cloud?.FromRoleAssumption == true && (Is(code, "InvalidClientTokenId") || Is(code, "SignatureDoesNotMatch")))
        {
            return PortalKeyRefused;
        }

        if (Is(code, "InvalidAccessKeyId") || Is(code, "InvalidClientTokenId"))
        {
            return "The access key id is not known: copy it again, and check the key is still active.";
        }

        if (Is(code, "SignatureDoesNotMatch"))
        {
            return "The secret access key does not match the access key id: copy the secret again.";
        }

        if (cloud?.FromRoleAssumption == true)
        {
            return "The role could not be assumed: the role's trust policy must name the portal's IAM user as Principal "
                + "and the integration's External ID in its sts:ExternalId condition, and the role ARN must be exact.";
        }

        if (Is(code, "NoSuchBucket") || Is(code, "ContainerNotFound") || Contains(text, "bucket does not exist")
            || (cloud?.StatusCode == HttpStatusCode.NotFound && Contains(text, "bucket")))
        {
            return "The bucket or container does not exist, or is in another account or region: check its name.";
        }

        if (Is(code, "AuthenticationFailed") || Is(code, "AuthorizationFailure") || Is(code, "InvalidAuthenticationInfo"))
        {
            return "The cloud rejected the credentials: check the account name and key (or SAS token: expiry, permissions r/w/d/l).";
        }

        if (Is(code, "AccessDenied") || Is(code, "AuthorizationPermissionMismatch") || Is(code, "forbidden")
            || cloud?.StatusCode == HttpStatusCode.Forbidden)
        {
            return "The credentials work but lack permission: apply the policy from View credentials "
                + "(write, read, delete and list under the prefix).";
        }

        if (cloud?.StatusCode == HttpStatusCode.Unauthorized)
        {
            return "The cloud did not accept the credentials: check them, or create a new key.";
        }

        return "See the cloud's message above; the portal's log has the full error.";
    }

    private static bool Is(string code, string expected) => string.Equals(code, expected, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static T? Find<T>(Exception exception) where T : Exception => Chain(exception).OfType<T>().FirstOrDefault();

    private static Exception Innermost(Exception exception) => Chain(exception).Last();
}
