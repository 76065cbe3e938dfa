namespace AdminPortal.Core.Integrations;

/// <summary>
/// The scheduled exports that write to an integration. Scheduled exports arrive with a later issue, which replaces
/// <see cref="NoLinkedExports"/> with an implementation over its table; Edit Destination and Delete already call this seam.
/// </summary>
public interface ILinkedExports
{
    /// <summary>The names of the scheduled exports linked to the integration, for the edit and delete warnings.</summary>
    Task<IReadOnlyList<string>> ListAsync(Guid integrationId, CancellationToken ct);

    /// <summary>Pauses every linked export, showing <paramref name="reason"/> on it; returns the names of those it paused.</summary>
    Task<IReadOnlyList<string>> PauseAsync(Guid integrationId, string reason, CancellationToken ct);

    /// <summary>Keeps every linked export running against the integration's new destination; returns their names.</summary>
    Task<IReadOnlyList<string>> RepointAsync(Guid integrationId, string reason, CancellationToken ct);

    /// <summary>Deletes every linked export (the integration is being deleted with the checkbox ticked); returns their names.</summary>
    Task<IReadOnlyList<string>> DeleteAsync(Guid integrationId, string reason, CancellationToken ct);
}

/// <summary>Until scheduled exports exist, no integration has any.</summary>
internal sealed class NoLinkedExports : ILinkedExports
{
    private static readonly Task<IReadOnlyList<string>> None = Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<string>> ListAsync(Guid integrationId, CancellationToken ct) => None;

    public Task<IReadOnlyList<string>> PauseAsync(Guid integrationId, string reason, CancellationToken ct) => None;

    public Task<IReadOnlyList<string>> RepointAsync(Guid integrationId, string reason, CancellationToken ct) => None;

    public Task<IReadOnlyList<string>> DeleteAsync(Guid integrationId, string reason, CancellationToken ct) => None;
}
