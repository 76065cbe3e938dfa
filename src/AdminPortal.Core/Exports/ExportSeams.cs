using AdminPortal.CloudStorage;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Exports;

/// <summary>Told when a run ends (<see cref="ExportFailureNotifier"/> tells people of failures).</summary>
public interface IExportNotifier
{
    Task RunFinishedAsync(ScheduledExport schedule, ExportRun run, CancellationToken ct);
}

/// <summary>Live progress of a run, for Send now's modal; <paramref name="Retry"/> while it waits to try again.</summary>
public sealed record ExportProgress(Guid RunId, long Rows, long Bytes, int Part, string? CurrentObject, ExportRetry? Retry = null);

/// <summary>The storage an export writes to: opened from its integration, or why it cannot be.</summary>
public sealed record ExportDestination(ICloudStorage? Storage, StorageIntegration? Integration, string? Problem) : IDisposable
{
    public void Dispose() => Storage?.Dispose();
}

/// <summary>Opens an integration's storage for a run (decrypting its secret); tests replace it to inject faults.</summary>
public interface IExportDestinations
{
    Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct);
}

internal sealed class IntegrationExportDestinations(OpenIntegrationStorage integrations) : IExportDestinations
{
    public async Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct)
    {
        var opened = await integrations.OpenAsync(integrationId, ct);
        return new ExportDestination(opened.Storage, opened.Integration, opened.Problem);
    }
}

/// <summary>An uploaded object is not listed with the size that was sent; the object is written again.</summary>
public sealed class ExportVerificationException(string message) : Exception(message);

/// <summary>A run of the schedule is already going (runs of one schedule never overlap).</summary>
public sealed class ExportAlreadyRunningException(string scheduleName)
    : Exception($"A run of \"{scheduleName}\" is already in progress; wait for it to finish.");
