using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Exports;

/// <summary>
/// The Core context with a stopped clock (the next-runs preview and the schedule list read it), the popover and dialog
/// providers rendered as the layout renders them, and seeds of workbooks, schedules and runs.
/// </summary>
/// <param name="clock">Another clock that reads <see cref="Now"/> when the test renders (the overview's moves there after the seeds).</param>
public abstract class ExportsComponentContext(TimeProvider? clock = null) : CorePortalContext(clock ?? new FixedClock(Now))
{
    /// <summary>Monday 2 March 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The popover and dialog providers, as the layout hosts them: menus and dialogs render in here.</summary>
    protected IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Providers { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Providers = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
    }

    /// <summary>A workbook of the Admin with one table element, an S3 integration whose last test succeeded, and a schedule to it.</summary>
    protected async Task<(Workbook Workbook, ScheduledExport Schedule)> SeedScheduleAsync(string name = "Daily export", bool paused = false,
        bool elementGone = false)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var admin = await db.Users.SingleAsync(u => u.NormalizedEmail == AdminEmail.ToUpperInvariant());
        var at = Now.UtcDateTime;
        var workbook = new Workbook
        {
            Name = $"{name} workbook",
            Folder = "Exports",
            OwnerId = admin.Id,
            OwnerEmail = AdminEmail,
            CreatedAtUtc = at,
            UpdatedAtUtc = at,
            Elements = [new TableElement { Name = "AUDIT_LOGS", StateJson = "{}" }],
        };
        db.Workbooks.Add(workbook);
        var integration = await db.StorageIntegrations.FirstOrDefaultAsync() ?? db.StorageIntegrations.Add(new StorageIntegration
        {
            Id = Guid.NewGuid(),
            Name = "s3_web_tests",
            Cloud = IntegrationCloud.Aws,
            AuthMethod = IntegrationAuthMethod.AwsAccessKey,
            Bucket = "audit-exports",
            Prefix = "web/",
            Region = "us-east-1",
            LastTestStatus = AdminPortal.CloudStorage.ConnectionTestResult.SuccessStatus,
            CreatedAtUtc = at,
            UpdatedAtUtc = at,
            CreatedBy = AdminEmail,
        }).Entity;
        await db.SaveChangesAsync();
        var schedule = new ScheduledExport
        {
            Id = Guid.NewGuid(),
            Name = name,
            WorkbookId = workbook.Id,
            TableElementId = workbook.Elements[0].Id + (elementGone ? 1000 : 0),
            IntegrationId = integration.Id,
            OwnerId = admin.Id,
            OwnerEmail = AdminEmail,
            UriTemplate = "events-{run}-{part}.csv.gz",
            Format = ExportFormat.Csv,
            Gzip = true,
            Mode = ExportMode.Incremental,
            FrequencyKind = ExportFrequencyKind.EveryHours,
            EveryHours = 24,
            TimeZoneId = "UTC",
            NotificationEmails = AdminEmail,
            Paused = paused,
            PauseReason = paused ? $"Paused by {AdminEmail}." : null,
            CreatedAtUtc = at,
            CreatedBy = AdminEmail,
            UpdatedAtUtc = at,
        };
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync();
        return (workbook, schedule);
    }

    /// <summary>Stores a run of <paramref name="schedule"/> as the engine's recorder would have left it.</summary>
    protected async Task<ExportRun> AddRunAsync(ScheduledExport schedule, ExportRunStatus status, string? error = null, string? hint = null,
        DateTime? startedAtUtc = null)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var run = new ExportRun
        {
            Id = Guid.NewGuid(),
            ScheduleId = schedule.Id,
            Trigger = ExportTrigger.Manual,
            Status = status,
            TriggeredBy = AdminEmail,
            StartedAtUtc = startedAtUtc ?? Now.UtcDateTime.AddMinutes(-5),
            FinishedAtUtc = status == ExportRunStatus.Running ? null : (startedAtUtc ?? Now.UtcDateTime.AddMinutes(-5)).AddMinutes(1),
            RunToken = Guid.NewGuid().ToString("N")[..12],
            WindowToEventRowId = 0,
            Error = error,
            ErrorHint = hint,
            ProgressRows = status == ExportRunStatus.Running ? 1200 : 0,
        };
        db.ExportRuns.Add(run);
        await db.SaveChangesAsync();
        return run;
    }

    /// <summary>The workbook as the explorer hands it to the modal (with its elements).</summary>
    protected async Task<Workbook> WorkbookAsync(int id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Workbooks.AsNoTracking().Include(w => w.Elements).SingleAsync(w => w.Id == id);
    }
}
