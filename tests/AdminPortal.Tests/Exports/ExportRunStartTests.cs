using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure.Databases;
using AdminPortal.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports;

/// <summary>
/// How a run starts when another run of the schedule is finishing at that very moment, and how a run's end is stored
/// while others use the database, on each provider (<see cref="SqliteExportRunStartTests"/>,
/// <see cref="PostgreSqlExportRunStartTests"/>).
/// </summary>
public abstract class ExportRunStartTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 5, 2, 30, 15, DateTimeKind.Utc);
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build();
        services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(settings)
            .AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .AddSingleton(new ServiceCollection().AddPortalWeb(new ConfigurationBuilder().Build()).BuildServiceProvider()
                .GetRequiredService<AdminPortal.Core.Notifications.IPortalLinks>())
            .AddPortalCore(settings).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_run_started_while_the_last_run_commits_its_end_takes_its_window_from_the_watermark_that_run_left()
    {
        var schedule = await ScheduleWithRunningRunAsync(watermark: 10, runningTo: 20);
        var engine = services.GetRequiredService<ExportEngine>();

        // The running run ends: its row and the watermark move in one transaction, not committed yet.
        await using var finishing = database.NewContext();
        await using var end = await finishing.Database.BeginTransactionAsync();
        await finishing.ExportRuns.Where(r => r.ScheduleId == schedule).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ExportRunStatus.Succeeded).SetProperty(r => r.FinishedAtUtc, Now));
        await finishing.ScheduledExports.Where(s => s.Id == schedule).ExecuteUpdateAsync(s => s.SetProperty(x => x.WatermarkEventRowId, 20L));

        // On its own thread: SQLite's driver waits for the write lock synchronously, inside the call.
        var starting = Task.Run(() => engine.StartAsync(schedule, ExportTrigger.Manual, "admin@example.test"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(starting.IsCompleted, "A start must wait for the end being committed, not decide without it. " + starting.Exception);
        await end.CommitAsync();

        var started = Assert.IsType<StartedExportRun>(await starting.WaitAsync(TimeSpan.FromSeconds(30)));
        await using (var db = database.NewContext())
        {
            var run = await db.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == started.RunId);
            // Not 10: the events 11..20 went out with the run that just ended.
            Assert.Equal(20, run.WindowAfterEventRowId);
            Assert.StartsWith("i", run.RunToken);
        }

        await started.Finished.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_run_of_a_schedule_whose_run_is_going_is_refused_and_leaves_no_row()
    {
        var schedule = await ScheduleWithRunningRunAsync(watermark: 10, runningTo: 20);
        var engine = services.GetRequiredService<ExportEngine>();

        await Assert.ThrowsAsync<ExportAlreadyRunningException>(() => engine.StartAsync(schedule, ExportTrigger.Manual, "admin@example.test"));

        await using var db = database.NewContext();
        Assert.Equal(1, await db.ExportRuns.CountAsync(r => r.ScheduleId == schedule));
    }

    [Fact]
    public async Task A_failed_runs_end_waits_for_a_reader_of_the_database_instead_of_failing_as_locked()
    {
        var scheduleId = await ScheduleWithRunningRunAsync(watermark: 10, runningTo: 20);
        ScheduledExport schedule;
        ExportRun run;
        await using (var db = database.NewContext())
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // SQLite's own default (the portal switches to WAL at start): a reader holds off a writer's commit.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");
            }

            schedule = await db.ScheduledExports.AsNoTracking().SingleAsync(s => s.Id == scheduleId);
            run = await db.ExportRuns.AsNoTracking().SingleAsync(r => r.ScheduleId == scheduleId);
        }

        var recorder = services.GetRequiredService<ExportRunRecorder>();
        recorder.Fail(schedule, run, new ExportSetupException("The table element this export reads no longer exists."), interrupted: false);

        // Another connection is in the middle of a read: on SQLite it holds the file's shared lock until it is done.
        await using var reading = database.NewContext();
        var connection = reading.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"ExportRuns\"";
        var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        var saving = Task.Run(() => recorder.SaveEndAsync(run));
        await Task.WhenAny(saving, Task.Delay(TimeSpan.FromMilliseconds(500)));
        await reader.DisposeAsync();
        await saving.WaitAsync(TimeSpan.FromSeconds(30));

        await using (var db = database.NewContext())
        {
            Assert.Equal(ExportRunStatus.Failed, await db.ExportRuns.Where(r => r.Id == run.Id).Select(r => r.Status).SingleAsync());
        }
    }

    private async Task<Guid> ScheduleWithRunningRunAsync(long watermark, long runningTo)
    {
        await using var db = database.NewContext();
        var workbook = new Workbook { Name = "Audit", OwnerId = "u", OwnerEmail = "u@example.test", CreatedAtUtc = Now, UpdatedAtUtc = Now };
        db.Workbooks.Add(workbook);
        await db.SaveChangesAsync();
        var schedule = new ScheduledExport
        {
            Id = Guid.CreateVersion7(), Name = "Nightly", WorkbookId = workbook.Id, IntegrationId = Guid.CreateVersion7(), OwnerId = "u",
            OwnerEmail = "u@example.test", UriTemplate = "exports/{run}.csv", Format = ExportFormat.Csv, Mode = ExportMode.Incremental,
            FrequencyKind = ExportFrequencyKind.Daily, TimeOfDay = new TimeOnly(3, 30), TimeZoneId = "UTC", CreatedAtUtc = Now,
            UpdatedAtUtc = Now, CreatedBy = "u@example.test", WatermarkEventRowId = watermark,
        };
        db.ScheduledExports.Add(schedule);
        db.ExportRuns.Add(new ExportRun
        {
            Id = Guid.CreateVersion7(), ScheduleId = schedule.Id, Trigger = ExportTrigger.Scheduled, Status = ExportRunStatus.Running,
            StartedAtUtc = Now.AddMinutes(-1), WindowAfterEventRowId = watermark, WindowToEventRowId = runningTo,
            RunToken = ExportRunTokens.Incremental(watermark, runningTo),
        });
        await db.SaveChangesAsync();
        return schedule.Id;
    }
}
