using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.CloudStorage.Network;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>Each setting may be empty (View credentials then says it is not configured); a set one must have its shape.</summary>
internal sealed partial class IntegrationsOptionsValidator : IValidateOptions<IntegrationsOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.AwsIamUserArn) && !IamUserArn().IsMatch(options.AwsIamUserArn))
        {
            failures.Add("Integrations:AwsIamUserArn must look like arn:aws:iam::123456789012:user/adminportal.");
        }

        if (!string.IsNullOrEmpty(options.AzureAppClientId) && !Guid.TryParseExact(options.AzureAppClientId, "D", out _))
        {
            failures.Add("Integrations:AzureAppClientId must be the application's GUID.");
        }

        if (!string.IsNullOrEmpty(options.AzureConsentUrl)
            && (!Uri.TryCreate(options.AzureConsentUrl.Replace("{tenantId}", "t").Replace("{clientId}", "c"), UriKind.Absolute, out var consent)
                || consent.Scheme != "https" || !options.AzureConsentUrl.Contains("{clientId}", StringComparison.Ordinal)))
        {
            failures.Add("Integrations:AzureConsentUrl must be an https:// URL containing {clientId} (and usually {tenantId}).");
        }

        if (!string.IsNullOrEmpty(options.GcpServiceAccount) && !options.GcpServiceAccount.EndsWith(".iam.gserviceaccount.com", StringComparison.Ordinal))
        {
            failures.Add("Integrations:GcpServiceAccount must be a service account e-mail ending with .iam.gserviceaccount.com.");
        }

        if (string.IsNullOrEmpty(options.AwsIamUserAccessKeyId) != string.IsNullOrEmpty(options.AwsIamUserSecretAccessKey))
        {
            failures.Add("Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey are set together, or neither.");
        }

        foreach (var host in options.CustomEndpoints.AllowedHosts)
        {
            if (!AllowedHostShape().IsMatch(host.Trim()) && !IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                failures.Add($"Integrations:CustomEndpoints:AllowedHosts: \"{host}\" is not a host name, *.domain or IP address (no scheme, port or path).");
            }
            else if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && !EndpointPolicy.IsPermittedAddress(ip))
            {
                failures.Add($"Integrations:CustomEndpoints:AllowedHosts: {host} is a link-local or metadata address, which the portal never connects to.");
            }
        }

        if (options.CustomEndpoints.Enabled && options.CustomEndpoints.AllowedHosts.Count == 0)
        {
            failures.Add("Integrations:CustomEndpoints:Enabled needs Integrations:CustomEndpoints:AllowedHosts to list the hosts integrations may name.");
        }

        failures.AddRange(AwsEndpointProblems(options));

        if (options.HealthCheckIntervalHours is < 0.25 or > 720)
        {
            failures.Add("Integrations:HealthCheckIntervalHours must be 0.25 to 720.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An operator's STS / S3 endpoint gets the portal's signed requests: a plain URL, to a host the connect-time rules allow.</summary>
    private static IEnumerable<string> AwsEndpointProblems(IntegrationsOptions options)
    {
        var policy = new EndpointPolicy(options.CustomEndpoints);
        foreach (var (setting, url) in new[] { ("StsServiceUrl", options.AwsEndpoints.StsServiceUrl), ("S3ServiceUrl", options.AwsEndpoints.S3ServiceUrl) })
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            var name = $"Integrations:AwsEndpoints:{setting}";
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                yield return $"{name} must be an https:// URL such as https://sts.eu-west-1.amazonaws.com (no user, query or fragment).";
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && !EndpointPolicy.IsPermittedAddress(ip))
            {
                yield return $"{name}: {uri.Host} is a link-local or metadata address, which the portal never connects to.";
            }
            else if (!policy.CustomEndpointsEnabled || !policy.IsAllowedHost(uri.Host))
            {
                yield return $"{name} names {uri.Host}: set Integrations:CustomEndpoints:Enabled and list the host in Integrations:CustomEndpoints:AllowedHosts.";
            }
        }
    }

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:user/[\w+=,.@/-]+$")]
    private static partial Regex IamUserArn();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex AllowedHostShape();
}
