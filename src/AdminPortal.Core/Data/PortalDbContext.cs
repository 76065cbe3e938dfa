using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Core.Data;

/// <summary>The portal's one database: Identity's tables plus the portal's own.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    internal static readonly ValueConverter<DateTime, long> UnixMilliseconds = new(
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v).UtcDateTime);

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Workbook> Workbooks => Set<Workbook>();
    public DbSet<TableElement> TableElements => Set<TableElement>();
    public DbSet<StorageIntegration> StorageIntegrations => Set<StorageIntegration>();
    public DbSet<ScheduledExport> ScheduledExports => Set<ScheduledExport>();
    public DbSet<ExportRun> ExportRuns => Set<ExportRun>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Ledger.LedgerEntity> LedgerEntities => Set<Ledger.LedgerEntity>();
    public DbSet<Ledger.LedgerVersion> LedgerVersions => Set<Ledger.LedgerVersion>();
    public DbSet<Ledger.LedgerGroupMember> LedgerGroupMembers => Set<Ledger.LedgerGroupMember>();
    public DbSet<Ledger.LedgerSnapshot> LedgerSnapshots => Set<Ledger.LedgerSnapshot>();
    public DbSet<Ledger.Matching.MatchingPolicy> MatchingPolicies => Set<Ledger.Matching.MatchingPolicy>();
    public DbSet<Ledger.Matching.LedgerMatch> LedgerMatches => Set<Ledger.Matching.LedgerMatch>();

    /// <summary>The cookie and antiforgery key ring, shared by every node (each key's XML encrypted under the master key).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.ToTable("AuditEvents");
            e.HasKey(x => x.Id);
            // Times as Unix milliseconds: small, fast to compare and readable in the sqlite3 shell.
            e.Property(x => x.EventTimeUtc).HasConversion(UnixMilliseconds);
            e.Property(x => x.IngestedAtUtc).HasConversion(UnixMilliseconds);
            e.Property(x => x.Status).HasConversion<string>();
            e.Property(x => x.TargetType).HasConversion<string>();
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasIndex(x => new { x.EventTimeUtc, x.Id });
            e.HasIndex(x => new { x.Login, x.EventTimeUtc });
            e.HasIndex(x => new { x.Action, x.EventTimeUtc });
            e.HasIndex(x => new { x.Family, x.EventTimeUtc });
            e.HasIndex(x => new { x.Datasource, x.EventTimeUtc });
            e.HasIndex(x => new { x.Status, x.EventTimeUtc });
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.Property(x => x.Name).HasMaxLength(ApiTokenRules.MaxNameLength);
            e.Property(x => x.Prefix).HasMaxLength(ApiTokenSecret.ShownLength);
            e.Ignore(x => x.ScopeList);
            e.HasIndex(x => x.Hash).IsUnique();
            // A deleted user's tokens go with it; disabling keeps them, refused while the user is disabled.
            e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UserId);
        });

        builder.Entity<Workbook>(e =>
        {
            e.HasIndex(x => new { x.OwnerId, x.Folder, x.Name });
            e.HasMany(x => x.Elements).WithOne().HasForeignKey(x => x.WorkbookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StorageIntegration>(e =>
        {
            e.ToTable("StorageIntegrations");
            e.Property(x => x.Cloud).HasConversion<string>();
            e.Property(x => x.AuthMethod).HasConversion<string>();
            e.HasIndex(x => x.Name).IsUnique();
        });

        builder.Entity<ScheduledExport>(e =>
        {
            e.ToTable("ScheduledExports");
            e.Property(x => x.Format).HasConversion<string>();
            e.Property(x => x.Mode).HasConversion<string>();
            // Rows stored before the setting existed take what their first run did then: all retained events. That is
            // also the enum's first value, so EF's sentinel and the column's default agree.
            e.Property(x => x.FirstRun).HasConversion<string>().HasDefaultValue(ExportFirstRun.AllRetainedEvents);
            // Rows stored before the option export what they always did; the model says so too, so a database made from
            // the model has the column the migration adds (false is also bool's own default, so an omitted value means the same).
            e.Property(x => x.IncludeIdentityColumns).HasDefaultValue(false);
            e.Property(x => x.FrequencyKind).HasConversion<string>();
            // No foreign key to the integration: deleting one pauses its exports or deletes them, as the Admin chooses
            // (Exports/IntegrationEventHandlers, in the same save), never by a cascade.
            e.HasIndex(x => x.IntegrationId);
            e.HasOne<Workbook>().WithMany().HasForeignKey(x => x.WorkbookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ExportRun>(e =>
        {
            e.ToTable("ExportRuns");
            e.Property(x => x.Trigger).HasConversion<string>();
            e.Property(x => x.Status).HasConversion<string>();
            e.HasOne<ScheduledExport>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ScheduleId, x.StartedAtUtc });
            // Runs of one schedule never overlap: the database refuses a second Running row, whichever process starts it.
            e.HasIndex(x => x.ScheduleId, "IX_ExportRuns_OneRunning").IsUnique().HasFilter("\"Status\" = 'Running'");
            e.Property(x => x.OwnerNode).HasMaxLength(Cluster.PortalNode.MaxIdLength);
        });

        builder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));

        builder.Entity<Notifications.Notification>(e =>
        {
            e.ToTable("Notifications");
            e.Property(x => x.Severity).HasConversion<string>();
            e.HasIndex(x => new { x.Recipient, x.Id });
        });

        // The identity ledger and the logs-ledger matches (Ledger/README.md)
        Ledger.LedgerModel.Configure(builder);
    }
}
