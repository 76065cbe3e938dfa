namespace AdminPortal.Core.Exports;

/// <summary>Opens an integration's storage for a run (decrypting its secret); tests replace it to inject faults.</summary>
public interface IExportDestinations
{
    Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct);
}
