using AdminPortal.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Core.Integrations.Events;

/// <summary>Hands an event to every registered handler (none is fine: nothing depends on integrations then).</summary>
public sealed class IntegrationEvents(IServiceProvider services)
{
    /// <summary>Stages every handler's changes in <paramref name="db"/>; the caller saves once, then runs <see cref="StagedIntegrationEvent.AfterCommitAsync"/>.</summary>
    public async Task<StagedIntegrationEvent> StageAsync<TEvent>(TEvent integrationEvent, PortalDbContext db, CancellationToken ct)
        where TEvent : IIntegrationEvent
    {
        var reactions = new List<IntegrationEventReaction>();
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            reactions.Add(await handler.HandleAsync(integrationEvent, db, ct));
        }

        return new StagedIntegrationEvent(reactions);
    }
}
