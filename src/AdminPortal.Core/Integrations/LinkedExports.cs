namespace AdminPortal.Core.Integrations;

/// <summary>
/// The scheduled exports that write to an integration. Scheduled exports arrive with a later issue, which replaces
/// <see cref="NoLinkedExports"/> with an implementation over its table; Edit Destination and Delete already call this seam.
/// </summary>
public interface ILinkedExports
{
    /// <summary>The names of the scheduled exports linked to the integration, for the edit and delete warnings.</summary>
    Task<IReadOnlyList<string>> ListAsync(Guid integrationId, CancellationToken ct);

    /// <summary>Pauses every linked export, showing <paramref name="reason"/> on it.</summary>
    Task PauseAsync(Guid integrationId, string reason, CancellationToken ct);

    /// <summary>Keeps every linked export running against the integration's new destination.</summary>
    Task RepointAsync(Guid integrationId, string reason, CancellationToken ct);

    /// <summary>Deletes every linked export (the integration is being deleted with the checkbox ticked).</summary>
    Task DeleteAsync(Guid integrationId, string reason, CancellationToken ct);
}

/// <summary>Until scheduled exports exist, no integration has any.</summary>
internal sealed class NoLinkedExports : ILinkedExports
{
    public Task<IReadOnlyList<string>> ListAsync(Guid integrationId, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task PauseAsync(Guid integrationId, string reason, CancellationToken ct) => Task.CompletedTask;

    public Task RepointAsync(Guid integrationId, string reason, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteAsync(Guid integrationId, string reason, CancellationToken ct) => Task.CompletedTask;
}
