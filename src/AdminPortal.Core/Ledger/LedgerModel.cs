using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger.Matching;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger;

/// <summary>The ledger's tables in the portal's model (called from <see cref="PortalDbContext"/>).</summary>
internal static class LedgerModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LedgerEntity>(e =>
        {
            e.ToTable("LedgerEntities");
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => new { x.Kind, x.Parent, x.Key }).IsUnique();
        });

        builder.Entity<LedgerVersion>(e =>
        {
            e.ToTable("LedgerVersions");
            e.Property(x => x.Kind).HasConversion<string>();
            // Unix milliseconds, as the events' times are: the matching join compares them with no conversion.
            e.Property(x => x.ValidFromUtc).HasConversion(PortalDbContext.UnixMilliseconds);
            e.Property(x => x.ValidToUtc).HasConversion(PortalDbContext.UnixMilliseconds);
            e.HasOne<LedgerEntity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Cascade);
            // One index per way a rule looks an entity up; a rule without its parent uses the first columns only.
            e.HasIndex(x => new { x.Kind, x.Key, x.Parent });
            e.HasIndex(x => new { x.Kind, x.KeyFolded, x.ParentFolded });
            e.HasIndex(x => new { x.Kind, x.NameFolded, x.ParentFolded });
            e.HasIndex(x => new { x.Kind, x.EmailFolded });
            e.HasIndex(x => x.Sid);
            e.HasIndex(x => new { x.EntityId, x.ValidFromUtc });
            e.HasIndex(x => x.OwnerId);
        });

        builder.Entity<LedgerGroupMember>(e =>
        {
            e.ToTable("LedgerGroupMembers");
            e.Property(x => x.ValidFromUtc).HasConversion(PortalDbContext.UnixMilliseconds);
            e.Property(x => x.ValidToUtc).HasConversion(PortalDbContext.UnixMilliseconds);
            e.HasOne<LedgerEntity>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.GroupId, x.ValidFromUtc });
            e.HasIndex(x => x.AccountId);
        });

        builder.Entity<LedgerSnapshot>(e =>
        {
            e.ToTable("LedgerSnapshots");
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => new { x.Kind, x.TakenAtUtc });
        });

        builder.Entity<MatchingPolicy>(e =>
        {
            e.ToTable("MatchingPolicies");
            e.HasIndex(x => x.Name).IsUnique();
            e.HasMany(x => x.Rules).WithOne().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MatchingRule>(e =>
        {
            e.ToTable("MatchingRules");
            e.Property(x => x.EntityType).HasConversion<string>();
            e.Property(x => x.ActorKind).HasConversion<string>();
            e.Property(x => x.Comparison).HasConversion<string>();
            e.Property(x => x.Attribute).HasConversion<string>();
            e.Property(x => x.Display).HasConversion<string>();
            e.HasIndex(x => new { x.PolicyId, x.Position }).IsUnique();
        });

        builder.Entity<LedgerMatch>(e =>
        {
            e.ToTable("LedgerMatches");
            // No foreign key to the event: retention deletes events in batches, and on PostgreSQL AuditEvents is partitioned.
            e.HasKey(x => new { x.EventId, x.Slot });
            e.Property(x => x.EventTimeUtc).HasConversion(PortalDbContext.UnixMilliseconds);
            e.Property(x => x.EntityKind).HasConversion<string>();
            e.HasIndex(x => x.EventTimeUtc);
            e.HasIndex(x => new { x.IdentityId, x.EventTimeUtc });
            e.HasIndex(x => new { x.EntityId, x.EventTimeUtc });
        });
    }
}
