using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Who may receive a schedule's failure e-mails: the portal's enabled users, and addresses in
/// <see cref="ExportOptions.AllowedRecipientDomains"/>. Checked when a schedule is saved and again when a failure is
/// sent, so a schedule saved before the rule (or naming a user since disabled) mails no one outside.
/// </summary>
public sealed class ExportRecipients(IDbContextFactory<PortalDbContext> dbFactory, IOptions<ExportOptions> options)
{
    /// <summary>The addresses that are neither an enabled user's nor in an allowed domain, in their order.</summary>
    public async Task<IReadOnlyList<string>> NotAllowedAsync(IEnumerable<string> addresses, CancellationToken ct)
    {
        var outside = addresses.Where(a => !ScheduleExportRules.InDomains(a, options.Value.AllowedRecipientDomains)).ToList();
        if (outside.Count == 0)
        {
            return [];
        }

        // Identity stores NormalizedEmail upper-cased invariantly.
        var normalized = outside.Select(a => a.ToUpperInvariant()).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = (await db.Users.AsNoTracking().Where(u => !u.IsDisabled && normalized.Contains(u.NormalizedEmail!))
            .Select(u => u.NormalizedEmail!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return outside.Where(a => !users.Contains(a.ToUpperInvariant())).ToList();
    }
}
