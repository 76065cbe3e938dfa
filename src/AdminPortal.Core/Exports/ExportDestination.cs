using AdminPortal.CloudStorage;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Exports;

/// <summary>The storage an export writes to: opened from its integration, or why it cannot be.</summary>
public sealed record ExportDestination(ICloudStorage? Storage, StorageIntegration? Integration, string? Problem) : IDisposable
{
    public void Dispose() => Storage?.Dispose();
}
