namespace AdminPortal.Core.Integrations.Events;

/// <summary>What a handler staged: the names of what it changed (for the confirmation), and what it does once that is committed.</summary>
public sealed record IntegrationEventReaction(IReadOnlyList<string> Changed, Func<CancellationToken, Task>? AfterCommitAsync = null)
{
    public static IntegrationEventReaction None { get; } = new([]);
}
