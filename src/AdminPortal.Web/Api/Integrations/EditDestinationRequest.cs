using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Web.Api.Integrations;

/// <summary>PUT /api/integrations/{id}/destination: the Edit Destination form. <see cref="Secret"/> is write-only.</summary>
public sealed record EditDestinationRequest
{
    public DestinationInput Destination { get; init; } = new();

    /// <summary>True: linked scheduled exports are re-pointed to the new destination; false: they are paused.</summary>
    public bool UpdateLinkedExports { get; init; }

    /// <summary>Required when the service URL or account changes; empty keeps the stored one otherwise.</summary>
    public string? Secret { get; init; }

    /// <summary>A new access key id (access key integrations); empty keeps the stored one.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The integration's cloud never changes: it is the stored one.</summary>
    public EditDestinationCommand ToCommand(IntegrationCloud cloud) => new()
    {
        Cloud = cloud,
        Destination = Destination ?? new(),
        UpdateLinkedExports = UpdateLinkedExports,
        Secret = WriteOnlySecret.FromInput(Secret),
        AccessKeyId = AccessKeyId,
    };
}
