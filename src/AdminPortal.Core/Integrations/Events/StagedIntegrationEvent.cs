namespace AdminPortal.Core.Integrations.Events;

/// <summary>The handlers' reactions to one event, staged in the use case's unit of work.</summary>
public sealed class StagedIntegrationEvent(IReadOnlyList<IntegrationEventReaction> reactions)
{
    /// <summary>The names of everything the handlers changed, in order.</summary>
    public IReadOnlyList<string> Changed { get; } = reactions.SelectMany(r => r.Changed).ToList();

    /// <summary>Runs each handler's after-commit step (audit events, scheduler jobs): only once the change is saved.</summary>
    public async Task AfterCommitAsync(CancellationToken ct)
    {
        foreach (var reaction in reactions)
        {
            if (reaction.AfterCommitAsync is { } afterCommit)
            {
                await afterCommit(ct);
            }
        }
    }
}
