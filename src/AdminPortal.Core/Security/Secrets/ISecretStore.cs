namespace AdminPortal.Core.Security.Secrets;

/// <summary>Somewhere secrets are stored (integration credentials, later the SMTP password); rotation goes through each.</summary>
public interface ISecretStore
{
    /// <summary>Shown in the rotation's output ("storage integrations").</summary>
    string Name { get; }

    IAsyncEnumerable<StoredSecret> ReadAllAsync(CancellationToken ct);

    /// <summary>Replaces the secret only if the row still holds <paramref name="expected"/>; false when it changed meanwhile.</summary>
    Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct);
}
