using System.Security.Claims;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// An Admin imports one kind's CSV file as the ledger's snapshot on a date (now when none is given): every line is
/// checked first and the file is stored whole or not at all (a snapshot missing lines would end the entities on them),
/// audited in the Admin's name.
/// </summary>
public sealed class ImportLedgerFile(
    UserSessions sessions, IDbContextFactory<PortalDbContext> contexts, AuditWriteGate gate, PortalAuditLog audit, TimeProvider clock,
    ILogger<ImportLedgerFile> logger)
{
    public async Task<LedgerImportReport> HandleAsync(ClaimsPrincipal actor, LedgerKind kind, Stream csv, string fileName, DateTime? snapshotDateUtc,
        CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "import the identity ledger", ct);
        var layout = LedgerCsvLayout.Of(kind);
        var now = clock.GetUtcNow().UtcDateTime;
        var takenAt = snapshotDateUtc ?? now;
        if (takenAt > now.AddDays(1))
        {
            return LedgerImportReport.Refused(kind, takenAt, $"The snapshot date {takenAt:yyyy-MM-dd HH:mm:ss}Z is in the future: give the date the file describes.");
        }

        var file = await LedgerCsvReader.ReadAsync(csv, layout, ct);
        if (file.Refusal is { } refusal)
        {
            return LedgerImportReport.Refused(kind, takenAt, $"The {layout.FileName} file is refused, {refusal} Nothing was stored.");
        }

        var report = await StoreAsync(actor, layout, file, fileName, takenAt, now, ct);
        await audit.WriteAsync(new PortalAuditEntry("LedgerImported", "Identity ledger imported", "import", "ledger", actor.ActorName(),
            report.Error is null, AuditTargetType.Repository, $"{layout.FileName}: {fileName}",
            Details: report.Error ?? $"{report.Rows} rows as of {takenAt:yyyy-MM-dd HH:mm:ss}Z: {report.Added} added, {report.Changed} changed, {report.Ended} ended"), ct);
        return report;
    }

    private async Task<LedgerImportReport> StoreAsync(ClaimsPrincipal actor, LedgerCsvLayout layout, LedgerFile file, string fileName,
        DateTime takenAt, DateTime now, CancellationToken ct)
    {
        // One writer at a time on SQLite: ingestion queues behind the import rather than timing out on the file's lock.
        using var _ = await gate.EnterAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var last = await db.LedgerSnapshots.Where(s => s.Kind == layout.Kind).OrderByDescending(s => s.TakenAtUtc)
            .Select(s => (DateTime?)s.TakenAtUtc).FirstOrDefaultAsync(ct);
        if (last > takenAt)
        {
            return LedgerImportReport.Refused(layout.Kind, takenAt,
                $"The snapshot date {takenAt:yyyy-MM-dd HH:mm:ss}Z is before the last import of {layout.FileName} ({last:yyyy-MM-dd HH:mm:ss}Z): " +
                "import snapshots in date order. Nothing was stored.");
        }

        var snapshot = new LedgerSnapshot
        {
            Kind = layout.Kind, TakenAtUtc = takenAt, ImportedAtUtc = now, ImportedBy = actor.ActorName(), FileName = fileName, Rows = file.Rows.Count,
        };
        db.LedgerSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);

        var writer = new LedgerSnapshotWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction(), layout, snapshot.Id, takenAt);
        var (owners, accounts) = await writer.ResolveAsync(file.Rows, file.Rejections, ct);
        if (file.Rejections.Count > 0)
        {
            var listed = file.Rejections.Listed;
            return new LedgerImportReport(layout.Kind, takenAt, 0, 0, 0, 0, file.Rejections.Count, listed,
                $"{file.Rejections.Count} line(s) of the {layout.FileName} file were rejected: nothing was stored (a snapshot is imported whole).");
        }

        await writer.ApplyAsync(file.Rows, last is null, owners, accounts, ct);
        snapshot.Added = writer.Added;
        snapshot.Changed = writer.Changed;
        snapshot.Ended = writer.Ended;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Ledger {Kind} imported as of {TakenAt}: {Rows} rows, {Added} added, {Changed} changed, {Ended} ended",
            layout.Kind, takenAt, file.Rows.Count, writer.Added, writer.Changed, writer.Ended);
        return new LedgerImportReport(layout.Kind, takenAt, file.Rows.Count, writer.Added, writer.Changed, writer.Ended, 0, [], null);
    }
}
