using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>Retention keeps the events an active incremental export has not delivered yet (from the lowest watermark on).</summary>
internal sealed class ExportRetentionHold(IDbContextFactory<PortalDbContext> dbFactory, IOptions<DatabaseOptions> database) : IRetentionHold
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
        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(\"EventTimeUtc\") FROM \"AuditEvents\" WHERE \"Id\" > $after";
        command.Parameters.AddWithValue("$after", lowest);
        return await command.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;
    }
}
