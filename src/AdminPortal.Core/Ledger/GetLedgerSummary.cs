using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger;

/// <summary>The ledger as it stands (current entities per kind) and its import history, for Admins and Auditors.</summary>
public sealed class GetLedgerSummary(UserSessions sessions, IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>The imports listed on the page: the history of a year of daily snapshots of two kinds fits.</summary>
    public const int MaxImports = 500;

    public async Task<LedgerSummary> HandleAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await db.LedgerVersions.AsNoTracking().Where(v => v.ValidToUtc == LedgerVersion.Open)
            .GroupBy(v => v.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var imports = await db.LedgerSnapshots.AsNoTracking().OrderByDescending(s => s.ImportedAtUtc).ThenByDescending(s => s.Id)
            .Take(MaxImports).ToListAsync(ct);
        var last = await db.LedgerSnapshots.AsNoTracking().GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, TakenAt = g.Max(s => s.TakenAtUtc) }).ToListAsync(ct);
        var kinds = LedgerCsvLayout.All.Select(l => new LedgerKindSummary(l.Kind, l.FileName,
            current.FirstOrDefault(c => c.Kind == l.Kind)?.Count ?? 0,
            last.FirstOrDefault(s => s.Kind == l.Kind)?.TakenAt)).ToList();
        return new LedgerSummary(kinds, imports);
    }
}
