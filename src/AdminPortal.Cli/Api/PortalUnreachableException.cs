namespace AdminPortal.Cli.Api;

/// <summary>No answer from the portal at all (exit code 3).</summary>
public sealed class PortalUnreachableException(Uri url, string reason)
    : Exception($"Cannot reach the portal at {url}: {reason}")
{
    public Uri Url { get; } = url;
}
