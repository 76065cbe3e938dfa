using System.Collections.Concurrent;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations.Events;

namespace AdminPortal.Tests.Integrations;

/// <summary>Records every integration event the use cases announce, as one more handler of the port; it changes nothing.</summary>
public sealed class AnnouncedIntegrationEvents : IIntegrationEventHandler<IntegrationDestinationChanged>, IIntegrationEventHandler<IntegrationDeleted>
{
    private readonly ConcurrentQueue<IIntegrationEvent> events = new();

    public IReadOnlyList<IIntegrationEvent> For(Guid integrationId) => events.Where(e => e.IntegrationId == integrationId).ToList();

    public Task<IntegrationEventReaction> HandleAsync(IntegrationDestinationChanged integrationEvent, PortalDbContext db, CancellationToken ct) => Record(integrationEvent);

    public Task<IntegrationEventReaction> HandleAsync(IntegrationDeleted integrationEvent, PortalDbContext db, CancellationToken ct) => Record(integrationEvent);

    private Task<IntegrationEventReaction> Record(IIntegrationEvent integrationEvent)
    {
        events.Enqueue(integrationEvent);
        return Task.FromResult(IntegrationEventReaction.None);
    }
}
