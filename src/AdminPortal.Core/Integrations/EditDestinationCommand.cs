using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Core.Integrations;

/// <summary>The Edit Destination form: the same cloud, a new bucket/prefix, and what happens to linked exports.</summary>
public sealed record EditDestinationCommand
{
    public IntegrationCloud Cloud { get; init; }
    public DestinationInput Destination { get; init; } = new();

    /// <summary>Ticked: linked scheduled exports are re-pointed; unticked: they are paused.</summary>
    public bool UpdateLinkedExports { get; init; }

    /// <summary>
    /// The method's secret, typed again: required when the service URL or account changes (a stored secret is only
    /// ever sent where it was entered); empty keeps the stored one otherwise.
    /// </summary>
    public WriteOnlySecret Secret { get; init; } = WriteOnlySecret.Empty;

    /// <summary>A new access key id for an access key integration; null keeps the stored one.</summary>
    public string? AccessKeyId { get; init; }
}
