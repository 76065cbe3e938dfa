using System.Security.Claims;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// An Admin collects a CSV log with its event-properties and mapping files from the CSV collection page (Brainwave's
/// collection): refused unless the database holds the Admin role now, stored as one collection, audited in the Admin's
/// name. The ingestion API's token path calls <see cref="AuditIngestion.CollectCsvAsync"/> itself.
/// </summary>
public sealed class CollectCsvFiles(UserSessions sessions, AuditIngestion ingestion, MatchAfterCollection matching, PortalAuditLog audit)
{
    public Task<IngestionReport> HandleAsync(ClaimsPrincipal actor, CsvCollectionInput input, bool atomic, CancellationToken ct = default) =>
        HandleAsync(actor, input, atomic, matchingPolicy: null, ct);

    /// <summary>With <paramref name="matchingPolicy"/>: that logs-ledger matching policy runs over the collected events once they are stored.</summary>
    public async Task<IngestionReport> HandleAsync(ClaimsPrincipal actor, CsvCollectionInput input, bool atomic, string? matchingPolicy,
        CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "collect CSV logs", ct);
        if (await matching.CheckAsync(matchingPolicy, ct) is { } unknown)
        {
            return new IngestionReport(0, 0, 0, 0, [], unknown);
        }

        var report = await matching.RunAsync(matchingPolicy, await ingestion.CollectCsvAsync(input, atomic, ct), ct);
        await audit.WriteAsync(new PortalAuditEntry("CsvCollected", "CSV log collected", "import", "ingestion", actor.ActorName(),
            report.Error is null, AuditTargetType.Asset, input.FileIdentity, Details: $"{report.Stored} stored, {report.Rejected} rejected"), ct);
        return report;
    }
}
