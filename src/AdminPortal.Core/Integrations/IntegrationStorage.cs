using AdminPortal.CloudStorage;

namespace AdminPortal.Core.Integrations;

/// <summary>An integration's storage, opened with its secret; or, with no storage, why it could not be opened.</summary>
public sealed record IntegrationStorage(ICloudStorage? Storage, StorageIntegration? Integration, string? Problem) : IDisposable
{
    public void Dispose() => Storage?.Dispose();
}
