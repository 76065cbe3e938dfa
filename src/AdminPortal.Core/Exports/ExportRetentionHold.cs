using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports;

/// <summary>Retention keeps the events an active incremental export has not delivered yet (from the lowest watermark on).</summary>
internal sealed class ExportRetentionHold(IDbContextFactory<PortalDbContext> dbFactory, IExportEventSource source) : IRetentionHold
{
    public string Name => "Scheduled exports";

    public async Task<DateTime?> OldestNeededUtcAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var watermarks = await db.ScheduledExports.AsNoTracking()
            .Where(s => !s.Paused && s.Mode == ExportMode.Incremental).Select(s => s.WatermarkEventRowId).ToListAsync(ct);
        if (watermarks.Count == 0)
        {
            return null;
        }

        var lowest = watermarks.Min(w => w ?? 0);
        return await source.OldestEventTimeAfterAsync(lowest, ct);
    }
}
