using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Data;

/// <summary>The portal's one database: Identity's tables plus the portal's own.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });

        builder.Entity<SecurityEvent>(e =>
        {
            e.ToTable("SecurityEvents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.ActorEmail).HasMaxLength(256);
            e.Property(x => x.SubjectEmail).HasMaxLength(256);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.Details).HasMaxLength(2000);
            e.HasIndex(x => x.OccurredAtUtc);
            e.HasIndex(x => new { x.Kind, x.OccurredAtUtc });
        });
    }
}
