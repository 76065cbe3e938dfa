namespace AdminPortal.Cli.Configuration;

/// <summary>The portal to talk to and the API token to show it.</summary>
public sealed record PortalConnection(Uri Url, string Token);
