namespace AdminPortal.Core.Integrations.Events;

/// <summary>Edit Destination saved a new bucket or prefix; <paramref name="KeepLinkedExports"/>: the linked exports follow it instead of pausing.</summary>
public sealed record IntegrationDestinationChanged(
    Guid IntegrationId, string IntegrationName, string OldDestination, string NewDestination, bool KeepLinkedExports, string Actor) : IIntegrationEvent
{
    public string Reason => $"The destination of integration \"{IntegrationName}\" changed from {OldDestination} to {NewDestination}.";
}
