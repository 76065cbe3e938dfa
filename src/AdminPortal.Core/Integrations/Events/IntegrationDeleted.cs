namespace AdminPortal.Core.Integrations.Events;

/// <summary>An integration is being deleted; <paramref name="DeleteLinkedExports"/>: its linked exports go with it instead of pausing.</summary>
public sealed record IntegrationDeleted(Guid IntegrationId, string IntegrationName, bool DeleteLinkedExports, string Actor) : IIntegrationEvent
{
    public string Reason => $"Integration \"{IntegrationName}\" was deleted.";
}
