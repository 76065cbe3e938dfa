namespace AdminPortal.Core.Exports;

/// <summary>Told when a run ends (<see cref="ExportFailureNotifier"/> tells people of failures).</summary>
public interface IExportNotifier
{
    Task RunFinishedAsync(ScheduledExport schedule, ExportRun run, CancellationToken ct);
}
