using System.Security.Claims;
using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Scheduled exports of workbook elements: list, create, edit, pause, resume, delete, Send now, history. Who may
/// schedule exports to the organization's buckets: Admins and Auditors (those granted the audit logs, as Sigma lets
/// those granted the audit-log connection), checked here for every call; Admins manage all schedules, Auditors their
/// own, on their own workbooks, to existing integrations; role and owner are the database's word, not the principal's.
/// Every change and every run is audited.
/// </summary>
public sealed class ScheduledExportService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ExportEngine engine,
    Scheduling.ExportScheduler scheduler,
    IExportDestinations destinations,
    IValidator<ScheduleExportCommand> validator,
    PortalAuditLog audit,
    UserSessions sessions,
    TimeProvider clock)
{
    /// <summary>The schedules of one workbook, or of every workbook (null), that the user may see.</summary>
    public async Task<IReadOnlyList<ScheduledExportSummary>> ListAsync(ClaimsPrincipal user, int? workbookId, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.ScheduledExports.AsNoTracking().Where(s => workbookId == null || s.WorkbookId == workbookId)
            .OrderBy(s => s.Name).ToListAsync(ct);
        return await SummariesAsync(db, schedules.Where(s => session.MayChange(s.OwnerId)).ToList(), ct);
    }

    /// <summary>One schedule as the list shows it; null when it does not exist or is not the user's.</summary>
    public async Task<ScheduledExportSummary?> SummaryAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return schedule is not null && session.MayChange(schedule.OwnerId) ? (await SummariesAsync(db, [schedule], ct))[0] : null;
    }

    private async Task<IReadOnlyList<ScheduledExportSummary>> SummariesAsync(PortalDbContext db, List<ScheduledExport> schedules, CancellationToken ct)
    {
        var integrations = await db.StorageIntegrations.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var elementIds = schedules.Select(s => s.TableElementId).Distinct().ToList();
        var elements = await db.TableElements.AsNoTracking().Where(e => elementIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var summaries = new List<ScheduledExportSummary>();
        foreach (var s in schedules)
        {
            var last = await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == s.Id).OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(ct);
            var integration = integrations.GetValueOrDefault(s.IntegrationId);
            summaries.Add(new ScheduledExportSummary(s.Id, s.Name, s.WorkbookId, s.TableElementId, elements.GetValueOrDefault(s.TableElementId) ?? "(deleted element)",
                s.IntegrationId, integration?.Name, integration is null ? "(deleted integration)" : ExportUriTemplate.DestinationRoot(integration) + s.UriTemplate,
                s.UriTemplate, s.Format, s.Gzip, s.Mode, ScheduleExportRules.Describe(s), s.Paused, s.PauseReason, s.WatermarkIngestedAtUtc,
                last?.Status, last?.StartedAtUtc, s.Paused ? null : Scheduling.ExportCron.NextRun(s, clock.GetUtcNow()), s.FirstRun,
                s.IncludeIdentityColumns));
        }

        return summaries;
    }

    public async Task<ScheduledExport?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return schedule is not null && session.MayChange(schedule.OwnerId) ? schedule : null;
    }

    /// <summary>The live preview of the form's object name for an integration.</summary>
    public async Task<ExportUriPreview> PreviewAsync(ClaimsPrincipal user, Guid integrationId, string? template, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var integration = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == integrationId, ct);
        return integration is null
            ? new ExportUriPreview(null, ["Choose a storage integration."])
            : ExportUriTemplate.Preview(template, integration, clock.GetUtcNow().UtcDateTime);
    }

    public async Task<Result<Guid>> CreateAsync(ClaimsPrincipal user, ScheduleExportCommand command, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (errors, template, name) = await CheckAsync(db, session, command, ct);
        if (errors.Count > 0)
        {
            return Result<Guid>.Fail(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var schedule = new ScheduledExport
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OwnerId = session.Id,
            OwnerEmail = user.ActorName(),
            CreatedAtUtc = now,
            CreatedBy = user.ActorName(),
        };
        Apply(schedule, command, template!, name, now);
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync(ct);
        await scheduler.SyncAsync(schedule, ct);
        await AuditAsync(user, "ExportScheduleCreated", "Export schedule created", "create", schedule, Describe(schedule), ct);
        return Result.Ok(schedule.Id);
    }

    /// <summary>Edit: everything but the owner and the watermark (an incremental export continues where it was).</summary>
    public async Task<Result> UpdateAsync(ClaimsPrincipal user, Guid id, ScheduleExportCommand command, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ScheduledExports.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null || !session.MayChange(schedule.OwnerId))
        {
            return Result.NotFound("That export schedule no longer exists, or it is not yours.");
        }

        var (errors, template, name) = await CheckAsync(db, session, command with { WorkbookId = schedule.WorkbookId }, ct);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var before = Describe(schedule);
        Apply(schedule, command with { WorkbookId = schedule.WorkbookId }, template!, name, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await scheduler.SyncAsync(schedule, ct);
        await AuditAsync(user, "ExportScheduleUpdated", "Export schedule edited", "update", schedule, null, ct, before, Describe(schedule));
        return Result.Success;
    }

    public Task<Result> PauseAsync(ClaimsPrincipal user, Guid id, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(user, id, "ExportSchedulePaused", "Export schedule paused", "pause", s =>
        {
            s.Paused = true;
            s.PauseReason = string.IsNullOrWhiteSpace(reason) ? $"Paused by {user.ActorName()}." : reason.Trim();
        }, ct);

    public Task<Result> ResumeAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default) =>
        ChangeAsync(user, id, "ExportScheduleResumed", "Export schedule resumed", "resume", s =>
        {
            s.Paused = false;
            s.PauseReason = null;
        }, ct);

    public async Task<Result> DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ScheduledExports.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null || !session.MayChange(schedule.OwnerId))
        {
            return Result.NotFound("That export schedule no longer exists, or it is not yours.");
        }

        db.ScheduledExports.Remove(schedule);
        await db.SaveChangesAsync(ct);
        await scheduler.RemoveAsync(schedule.Id, ct);
        await AuditAsync(user, "ExportScheduleDeleted", "Export schedule deleted", "delete", schedule, Describe(schedule), ct);
        return Result.Success;
    }

    /// <summary>Runs the schedule at once (paused or not) and returns the finished run; progress is reported as it goes.</summary>
    public async Task<ExportRun?> SendNowAsync(ClaimsPrincipal user, Guid id, IProgress<ExportProgress>? progress = null, CancellationToken ct = default)
    {
        var schedule = await GetAsync(user, id, ct);
        return schedule is null ? null : await engine.RunAsync(schedule.Id, ExportTrigger.Manual, user.ActorName(), progress, ct);
    }

    /// <summary>History: the newest runs first.</summary>
    public async Task<IReadOnlyList<ExportRun>> HistoryAsync(ClaimsPrincipal user, Guid id, int take = 50, CancellationToken ct = default)
    {
        if (await GetAsync(user, id, ct) is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == id).OrderByDescending(r => r.StartedAtUtc).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    /// <summary>A page of the schedule's runs, sorted by the database; the newest first when unsorted. Empty when the schedule is not the user's.</summary>
    public async Task<ListPage<ExportRun>> HistoryPageAsync(ClaimsPrincipal user, Guid id, ListQuery query, CancellationToken ct = default)
    {
        if (await GetAsync(user, id, ct) is null)
        {
            return new ListPage<ExportRun>([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == id);
        var sorted = query.SortBy switch
        {
            nameof(ExportRun.Trigger) => query.Order(runs, r => r.Trigger),
            nameof(ExportRun.Status) => query.Order(runs, r => r.Status),
            nameof(ExportRun.Rows) => query.Order(runs, r => r.Rows),
            nameof(ExportRun.Bytes) => query.Order(runs, r => r.Bytes),
            nameof(ExportRun.Objects) => query.Order(runs, r => r.Objects),
            nameof(ExportRun.StartedAtUtc) => query.Order(runs, r => r.StartedAtUtc),
            _ => runs.OrderByDescending(r => r.StartedAtUtc),
        };
        var rows = await sorted.ThenByDescending(r => r.StartedAtUtc).ThenBy(r => r.Id).Skip(query.SafeSkip).Take(query.SafeTake).ToListAsync(ct);
        return new ListPage<ExportRun>(rows, await runs.CountAsync(ct));
    }

    /// <summary>A finished run's manifest, read back from the customer's storage as a consumer would read it.</summary>
    public async Task<string?> ManifestAsync(ClaimsPrincipal user, Guid scheduleId, Guid runId, CancellationToken ct = default)
    {
        var schedule = await GetAsync(user, scheduleId, ct);
        if (schedule is null)
        {
            return null;
        }

        ExportRun? run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.ScheduleId == scheduleId, ct);
        }

        if (run?.ManifestObjectName is null)
        {
            return null;
        }

        using var destination = await destinations.OpenAsync(schedule.IntegrationId, ct);
        if (destination.Storage is not { } storage)
        {
            return destination.Problem;
        }

        try
        {
            await using var stream = await storage.OpenReadAsync(ExportUriTemplate.FromStored(schedule.UriTemplate).ManifestKey(run.RunToken), ct);
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(ct);
        }
        catch (CloudStorageException e)
        {
            return $"The manifest {run.ManifestObjectName} could not be read: {e.Message}";
        }
    }

    private async Task<(List<(string Field, string Message)> Errors, ExportUriTemplate? Template, string Name)> CheckAsync(
        PortalDbContext db, SessionUser session, ScheduleExportCommand command, CancellationToken ct)
    {
        var errors = (await validator.ValidateAsync(command, ct)).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
        var workbook = await db.Workbooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == command.WorkbookId, ct);
        var element = await db.TableElements.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == command.TableElementId && e.WorkbookId == command.WorkbookId, ct);
        if (workbook is null || !session.MayChange(workbook.OwnerId))
        {
            errors.Add(("", "That workbook no longer exists, or it is not yours."));
        }
        else if (element is null)
        {
            errors.Add((nameof(command.TableElementId), "Choose a table element of the workbook."));
        }

        ExportUriTemplate? template = null;
        var integration = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.IntegrationId, ct);
        if (integration is null)
        {
            errors.Add((nameof(command.IntegrationId), "Choose a storage integration."));
        }
        else if (integration.LastTestStatus != ConnectionTestResult.SuccessStatus)
        {
            errors.Add((nameof(command.IntegrationId),
                $"The last connection test of \"{integration.Name}\" did not succeed ({integration.LastTestStatus ?? "never tested"}): an Admin must fix and test it first."));
        }
        else
        {
            var parsed = ExportUriTemplate.Parse(command.UriTemplate, ExportUriTemplate.DestinationRoot(integration));
            errors.AddRange(parsed.Errors.Select(e => (nameof(command.UriTemplate), e)));
            template = parsed.Template;
        }

        var name = string.IsNullOrWhiteSpace(command.Name) ? $"{workbook?.Name} · {element?.Name}" : command.Name.Trim();
        return (errors, template, name.Length > ScheduleExportRules.MaxNameLength ? name[..ScheduleExportRules.MaxNameLength] : name);
    }

    private static void Apply(ScheduledExport s, ScheduleExportCommand c, ExportUriTemplate template, string name, DateTime now)
    {
        s.Name = name;
        s.WorkbookId = c.WorkbookId;
        s.TableElementId = c.TableElementId;
        s.IntegrationId = c.IntegrationId;
        s.UriTemplate = template.Text;
        s.Format = c.Format;
        s.Gzip = c.Gzip;
        s.Mode = c.Mode;
        s.FirstRun = c.FirstRun;
        s.IncludeIdentityColumns = c.IncludeIdentityColumns;
        s.FrequencyKind = c.FrequencyKind;
        s.EveryHours = c.FrequencyKind == ExportFrequencyKind.EveryHours ? c.EveryHours : null;
        s.TimeOfDay = c.FrequencyKind is ExportFrequencyKind.Daily or ExportFrequencyKind.Weekly or ExportFrequencyKind.Monthly ? c.TimeOfDay : null;
        s.Day = c.FrequencyKind is ExportFrequencyKind.Weekly or ExportFrequencyKind.Monthly ? c.Day : null;
        s.TimeZoneId = c.TimeZoneId.Trim();
        s.Cron = c.FrequencyKind == ExportFrequencyKind.Cron ? c.Cron?.Trim() : null;
        s.NotificationEmails = string.Join(", ", ScheduleExportRules.Addresses(c.NotificationEmails));
        s.UpdatedAtUtc = now;
    }

    private async Task<Result> ChangeAsync(ClaimsPrincipal user, Guid id, string code, string label, string action,
        Action<ScheduledExport> change, CancellationToken ct)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ScheduledExports.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null || !session.MayChange(schedule.OwnerId))
        {
            return Result.NotFound("That export schedule no longer exists, or it is not yours.");
        }

        change(schedule);
        schedule.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await AuditAsync(user, code, label, action, schedule, schedule.PauseReason, ct);
        return Result.Success;
    }

    private static string Describe(ScheduledExport s) =>
        $"{s.Mode}{(s.Mode == ExportMode.Incremental ? $" (first run: {s.FirstRun})" : "")} {s.Format}{(s.Gzip ? ".gz" : "")}{(s.IncludeIdentityColumns ? " with identity columns" : "")} of workbook {s.WorkbookId} element {s.TableElementId} to integration {s.IntegrationId} as {s.UriTemplate}; {ScheduleExportRules.Describe(s)}";

    private Task AuditAsync(ClaimsPrincipal user, string code, string label, string action, ScheduledExport s, string? details,
        CancellationToken ct, string? oldValue = null, string? newValue = null) =>
        audit.WriteAsync(new PortalAuditEntry(code, label, action, "exports", user.ActorName(), true, AuditTargetType.Asset, s.Name,
            Details: details, OldValue: oldValue, NewValue: newValue), ct);
}
