using AdminPortal.Core;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Users;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

/// <summary>
/// What the portal's use cases rely on from the database, beside the audit-event store: unique names, one running run
/// per schedule, cascades, UTC times. Run on each provider by <see cref="SqlitePortalStoreTests"/> and
/// <see cref="PostgreSqlPortalStoreTests"/>.
/// </summary>
public abstract class PortalStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 5, 2, 30, 15, 123, DateTimeKind.Utc);
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_second_integration_of_the_same_name_is_told_apart_as_a_unique_violation()
    {
        await using (var db = database.NewContext())
        {
            db.StorageIntegrations.Add(Integration("audit-archive"));
            await db.SaveChangesAsync();
        }

        await using var other = database.NewContext();
        other.StorageIntegrations.Add(Integration("audit-archive"));
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        Assert.True(UniqueViolation.Is(refused));
    }

    [Fact]
    public async Task A_save_refused_for_another_reason_is_not_a_unique_violation()
    {
        await using var db = database.NewContext();
        // A NOT NULL failure: SQLite reports it under the same primary code as a unique index, SQLITE_CONSTRAINT.
        db.ApiTokens.Add(new ApiToken { Name = null!, Prefix = "ap_x", Hash = [1], Scopes = "audit:read", CreatedAtUtc = Now, CreatedBy = "x" });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.False(UniqueViolation.Is(refused));
    }

    [Fact]
    public async Task One_schedule_has_at_most_one_running_run_while_finished_runs_pile_up()
    {
        var schedule = await ScheduleAsync();
        await using (var db = database.NewContext())
        {
            db.ExportRuns.AddRange(Run(schedule, ExportRunStatus.Succeeded), Run(schedule, ExportRunStatus.Failed), Run(schedule, ExportRunStatus.Running));
            await db.SaveChangesAsync();
        }

        await using var other = database.NewContext();
        other.ExportRuns.Add(Run(schedule, ExportRunStatus.Running));
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        Assert.True(UniqueViolation.Is(refused));
    }

    [Fact]
    public async Task A_schedule_reads_back_as_saved_to_the_millisecond()
    {
        var saved = await ScheduleAsync();

        await using var db = database.NewContext();
        var read = await db.ScheduledExports.AsNoTracking().SingleAsync(s => s.Id == saved.Id);

        Assert.Equal((saved.Name, saved.TimeOfDay, saved.Day, saved.FrequencyKind, saved.Format, saved.Mode), (read.Name, read.TimeOfDay, read.Day, read.FrequencyKind, read.Format, read.Mode));
        // The value, not its Kind: SQLite's provider reads DateTime back Unspecified, PostgreSQL's (timestamptz) as Utc.
        Assert.Equal(Now, DateTime.SpecifyKind(read.CreatedAtUtc, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_api_tokens_and_a_token_hash_is_unique()
    {
        await using (var db = database.NewContext())
        {
            db.Users.Add(new PortalUser { Id = "u1", UserName = "a@example.test", NormalizedUserName = "A@EXAMPLE.TEST", Email = "a@example.test", CreatedAtUtc = Now });
            db.ApiTokens.Add(new ApiToken { UserId = "u1", Name = "ci", Prefix = "ap_1", Hash = [1, 2, 3], Scopes = "audit:read", CreatedAtUtc = Now, CreatedBy = "a@example.test", ExpiresAtUtc = Now.AddDays(30) });
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            db.ApiTokens.Add(new ApiToken { UserId = "u1", Name = "again", Prefix = "ap_1", Hash = [1, 2, 3], Scopes = "audit:read", CreatedAtUtc = Now, CreatedBy = "a@example.test" });
            Assert.True(UniqueViolation.Is(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
        }

        await using (var db = database.NewContext())
        {
            var token = await db.ApiTokens.AsNoTracking().SingleAsync();
            Assert.Equal(Now.AddDays(30), token.ExpiresAtUtc);
            db.Users.Remove(await db.Users.SingleAsync());
            await db.SaveChangesAsync();
        }

        await using var after = database.NewContext();
        Assert.Empty(await after.ApiTokens.ToListAsync());
    }

    [Fact]
    public async Task A_user_made_through_the_portals_Identity_wiring_is_found_by_email_in_any_case_with_role_password_and_lockout()
    {
        // The portal's own registrations (AddPortalCore) on the settings an operator writes: Database:Provider and
        // ConnectionStrings:Portal reach Identity's stores.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).Build();
        // The Web project persists the key ring; Identity's token providers only need one to exist.
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(settings)
            .AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .AddPortalCore(settings).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True((await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole(PortalRoles.Auditor))).Succeeded);
        var user = new PortalUser { UserName = "Auditor@Example.test", Email = "Auditor@Example.test", LockoutEnabled = true, CreatedAtUtc = Now };
        Assert.True((await users.CreateAsync(user, "Correct-Horse-42")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Auditor)).Succeeded);
        for (var i = 0; i < 5; i++)
        {
            await users.AccessFailedAsync(user);
        }

        await using var later = services.CreateAsyncScope();
        var again = later.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var found = await again.FindByEmailAsync("auditor@EXAMPLE.TEST");
        Assert.Equal(user.Id, found?.Id);
        Assert.True(await again.IsInRoleAsync(found!, PortalRoles.Auditor));
        Assert.True(await again.CheckPasswordAsync(found!, "Correct-Horse-42"));
        Assert.True(await again.IsLockedOutAsync(found!));
        Assert.Equal(provider, scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.IsNpgsql() ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite);
    }

    private static StorageIntegration Integration(string name) => new()
    {
        Id = Guid.CreateVersion7(), Name = name, Cloud = IntegrationCloud.Aws, AuthMethod = IntegrationAuthMethod.AwsAccessKey, Bucket = "audit",
        CreatedAtUtc = Now, UpdatedAtUtc = Now, CreatedBy = "admin@example.test",
    };

    private async Task<ScheduledExport> ScheduleAsync()
    {
        await using var db = database.NewContext();
        var workbook = new Workbook { Name = "Audit", OwnerId = "u", OwnerEmail = "u@example.test", CreatedAtUtc = Now, UpdatedAtUtc = Now };
        db.Workbooks.Add(workbook);
        await db.SaveChangesAsync();
        var schedule = new ScheduledExport
        {
            Id = Guid.CreateVersion7(), Name = "Nightly", WorkbookId = workbook.Id, IntegrationId = Guid.CreateVersion7(), OwnerId = "u", OwnerEmail = "u@example.test",
            UriTemplate = "exports/{date}.csv", Format = ExportFormat.Csv, Mode = ExportMode.Incremental, FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(3, 30), TimeZoneId = "Europe/Paris", CreatedAtUtc = Now, UpdatedAtUtc = Now, CreatedBy = "u@example.test",
        };
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync();
        return schedule;
    }

    private static ExportRun Run(ScheduledExport schedule, ExportRunStatus status) => new()
    {
        Id = Guid.CreateVersion7(), ScheduleId = schedule.Id, Trigger = ExportTrigger.Scheduled, Status = status, StartedAtUtc = Now, RunToken = Guid.NewGuid().ToString("N"),
    };
}
