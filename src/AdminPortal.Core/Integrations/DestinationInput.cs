namespace AdminPortal.Core.Integrations;

/// <summary>Where an integration writes; fields a cloud does not use stay empty.</summary>
public sealed record DestinationInput
{
    /// <summary>The S3 or GCS bucket, or the Azure container.</summary>
    public string Bucket { get; init; } = "";

    /// <summary>The Azure storage account.</summary>
    public string? AccountName { get; init; }

    public string Prefix { get; init; } = "";

    /// <summary>The S3 region.</summary>
    public string? Region { get; init; }

    /// <summary>An S3-compatible store, an Azure blob endpoint (Azurite) or a GCS emulator.</summary>
    public string? ServiceUrl { get; init; }

    public bool PathStyle { get; init; }
}
