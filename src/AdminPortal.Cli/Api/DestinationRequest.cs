namespace AdminPortal.Cli.Api;

/// <summary>Where an integration writes (the API's <c>destination</c>); fields a cloud does not use stay null.</summary>
public sealed record DestinationRequest(string Bucket, string? AccountName, string Prefix, string? Region, string? ServiceUrl, bool PathStyle);
