using System.Security.Claims;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// How many objects the next run of a schedule being set up would write, from the stored events: the run's window as
/// <see cref="ExportRunWindow"/> takes it, counted per hour (hourly templates) or day in one grouped query and folded
/// into the template's partitions and parts (<see cref="ExportObjectCount"/>). A 30-day first run with the hourly
/// default wrote 721 objects for 8,896 rows: the form says so before the run, and offers daily objects.
/// </summary>
public sealed class EstimateNextRun(
    IDbContextFactory<PortalDbContext> dbFactory,
    IExportEventSource source,
    UserSessions sessions,
    IOptions<ExportOptions> options,
    TimeProvider clock)
{
    /// <summary>Over more than this span of events, an hourly template is offered its daily form.</summary>
    public static readonly TimeSpan DailyAfter = TimeSpan.FromDays(3);

    /// <summary>At most this many hours or days are counted (416 days of hours): past it the count says "more than".</summary>
    public const int MaxBuckets = 10_000;

    private const long DayMs = 24 * AuditEventWriter.HourMs;

    /// <summary>The estimate; null when the form is not complete enough (no valid template, no element of the user's workbook).</summary>
    public async Task<NextRunEstimate?> HandleAsync(ClaimsPrincipal user, NextRunEstimateQuery query, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workbook = await db.Workbooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == query.WorkbookId, ct);
        var element = await db.TableElements.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == query.TableElementId && e.WorkbookId == query.WorkbookId, ct);
        if (workbook is null || element is null || !session.MayChange(workbook.OwnerId))
        {
            return null;
        }

        var integration = query.IntegrationId is { } integrationId
            ? await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == integrationId, ct)
            : null;
        var root = integration is null ? null : ExportUriTemplate.DestinationRoot(integration);
        if (ExportUriTemplate.Parse(query.UriTemplate, root).Template is not { } template)
        {
            return null;
        }

        var schedule = query.ScheduleId is { } scheduleId
            ? await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId && s.WorkbookId == query.WorkbookId, ct)
            : null;
        var after = query.Mode == ExportMode.Incremental && schedule is not null && session.MayChange(schedule.OwnerId)
            ? schedule.WatermarkEventRowId
            : null;

        var state = ExplorerState.FromJson(element.StateJson);
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, to) = ExportRunWindow.EventTimeRange(query.Mode, query.FirstRun, after, state, now);
        var (newest, _) = await source.NewestAsync(AuditSql.FtsQuery(state.Search) is not null, ct);
        var window = new ExportWindow(after, Math.Max(newest, after ?? 0), from, to, state.Search, state.Filters);
        var bucketMs = template.Grain == PartitionGrain.Hour ? AuditEventWriter.HourMs : DayMs;
        var buckets = await source.CountByTimeAsync(window, bucketMs, MaxBuckets, ct);

        var count = ExportObjectCount.Of(buckets, bucketMs, template, options.Value);
        var daily = template.Daily();
        var suggest = daily is not null && count.LastEventUtc - count.FirstEventUtc > DailyAfter;
        return new NextRunEstimate(count, template.Grain, query.Mode == ExportMode.Incremental && after is null, state.DescribeRange(),
            after is null ? null : schedule!.WatermarkIngestedAtUtc,
            suggest ? daily : null,
            suggest ? ExportObjectCount.Of(buckets, bucketMs, ExportUriTemplate.FromStored(daily!), options.Value) : null);
    }
}
