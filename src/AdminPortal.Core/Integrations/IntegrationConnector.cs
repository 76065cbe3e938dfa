using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>Opens an integration's storage and runs its connection test; shared by Create, Edit, Test, the health check and export runs.</summary>
public sealed class IntegrationConnector(
    CloudStorageFactory storages,
    IntegrationSecrets secrets,
    IOptions<IntegrationsOptions> options,
    TimeProvider clock,
    ILogger<IntegrationConnector> logger)
{
    private IntegrationsOptions Settings => options.Value;

    /// <summary>Writes, reads back and deletes a probe object with <paramref name="secret"/>; never throws for the cloud's refusal.</summary>
    public async Task<ConnectionTestResult> TestAsync(StorageIntegration i, string? secret, CancellationToken ct)
    {
        if (IntegrationDestinations.MissingPortalSetting(i.AuthMethod, Settings, !string.IsNullOrEmpty(i.ServiceUrl)) is { } missing)
        {
            return new ConnectionTestResult(false, missing, IntegrationDestinations.MissingPortalSettingHint);
        }

        try
        {
            using var storage = await CreateAsync(i, secret, ct);
            return await storage.TestConnectionAsync(ct);
        }
        catch (Exception e) when (e is CloudStorageException or EndpointRefusedException)
        {
            // Refused before any request: a custom endpoint not allowed, a key whose token_uri is not Google's.
            return new ConnectionTestResult(false, ErrorText.Clip(e.Message) ?? e.GetType().Name, CloudStorageErrors.Hint(e));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Opening the client failed before any request (a key JSON the SDK rejects, a key file missing).
            var errorId = Guid.NewGuid().ToString("N")[..8];
            logger.LogWarning(e, "Connection test of integration {IntegrationName} could not start (error {ErrorId})", i.Name, errorId);
            return new ConnectionTestResult(false, ErrorText.Clip(e.Message) ?? e.GetType().Name, $"The portal could not prepare the connection; its log has error {errorId}.");
        }
    }

    /// <summary>Test connection with the stored secret (or why it cannot be read), recorded on the integration (not saved).</summary>
    public async Task<ConnectionTestResult> RetestAsync(StorageIntegration i, CancellationToken ct)
    {
        var (secret, problem) = secrets.Read(i);
        var result = problem ?? await TestAsync(i, secret, ct);
        Record(i, result);
        return result;
    }

    public void Record(StorageIntegration i, ConnectionTestResult result) => i.RecordTest(result, clock.GetUtcNow().UtcDateTime);

    /// <summary>Opens the integration's storage with its stored secret, or says why it cannot (secret unreadable, portal setting missing, endpoint refused).</summary>
    public async Task<(ICloudStorage? Storage, string? Problem)> OpenAsync(StorageIntegration i, CancellationToken ct)
    {
        if (IntegrationDestinations.MissingPortalSetting(i.AuthMethod, Settings, !string.IsNullOrEmpty(i.ServiceUrl)) is { } missing)
        {
            return (null, missing);
        }

        var (secret, problem) = secrets.Read(i);
        if (problem is not null)
        {
            return (null, $"{problem.Status} {problem.Hint}");
        }

        try
        {
            return (await CreateAsync(i, secret, ct), null);
        }
        catch (EndpointRefusedException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<ICloudStorage> CreateAsync(StorageIntegration i, string? secret, CancellationToken ct) =>
        storages.Create(IntegrationDestinations.Build(i, secret, Settings, await PortalGcpKeyAsync(i, ct)));

    /// <summary>The portal's own Google key, read only for the real GCS: a custom endpoint never gets it (nor a token made with it).</summary>
    private async Task<string?> PortalGcpKeyAsync(StorageIntegration i, CancellationToken ct) =>
        i.AuthMethod == IntegrationAuthMethod.GcpPortalServiceAccount && string.IsNullOrWhiteSpace(i.ServiceUrl)
            && !string.IsNullOrEmpty(Settings.GcpServiceAccountKeyFile)
            ? await File.ReadAllTextAsync(Settings.GcpServiceAccountKeyFile, ct)
            : null;
}
