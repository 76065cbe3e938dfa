using AdminPortal.Core.Data;

namespace AdminPortal.Core.Integrations.Events;

/// <summary>
/// The port through which Integrations announces what happened to an integration; the features that write to integrations
/// implement it (one handler per event), so they depend on Integrations and never the other way round.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    /// <summary>
    /// Stages the feature's changes in <paramref name="db"/>, the use case's own unit of work, without saving: they commit
    /// in the one SaveChanges that also commits the integration's change, or not at all.
    /// </summary>
    Task<IntegrationEventReaction> HandleAsync(TEvent integrationEvent, PortalDbContext db, CancellationToken ct);
}
