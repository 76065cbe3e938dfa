using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>What one run works with (its schedule, row, template, columns, window and storage) and how far it is.</summary>
internal sealed class ExportRunContext(
    ScheduledExport schedule, ExportRun run, ExportUriTemplate template, IReadOnlyList<AuditColumn> columns,
    ExportWindow window, ICloudStorage storage, IProgress<ExportProgress>? progress, ExportOptions settings)
{
    public ScheduledExport Schedule { get; } = schedule;
    public ExportRun Run { get; } = run;
    public ExportUriTemplate Template { get; } = template;
    public IReadOnlyList<AuditColumn> Columns { get; } = columns;
    public ExportWindow Window { get; } = window;
    public ICloudStorage Storage { get; } = storage;
    public IProgress<ExportProgress>? Progress { get; } = progress;
    public ExportOptions Settings { get; } = settings;
    public ExportRowShape Shape { get; } = ExportRowShape.For(columns);

    /// <summary>Rows and stored bytes of the objects staged so far (the part being written adds its own).</summary>
    public long Rows { get; set; }
    public long Bytes { get; set; }
    public DateTime LastProgressAt { get; set; }
    public int LastPart { get; set; }
    public string? LastObject { get; set; }
}
