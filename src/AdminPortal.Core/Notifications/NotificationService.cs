using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Notifications;

/// <summary>In-app notifications (the bell in the header), each also e-mailed to its recipient when e-mail is configured.</summary>
public sealed class NotificationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    EmailSender email,
    IOptions<EmailOptions> emailOptions,
    TimeProvider clock)
{
    public const int BellSize = 20;

    /// <summary>Raised with the recipient after a notification is added or read, so open bells refresh.</summary>
    public event Action<string>? Changed;

    public bool EmailEnabled => email.IsConfigured;

    /// <summary>Notifies one user (by sign-in e-mail): in the bell, and by e-mail. Returns whether the e-mail went out.</summary>
    public async Task<bool> NotifyAsync(string userEmail, NotificationMessage message, CancellationToken ct = default)
    {
        var recipient = Normalize(userEmail);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Notifications.Add(new Notification
            {
                Recipient = recipient,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                Severity = message.Severity,
                Title = message.Title,
                Message = message.Message,
                Link = message.Link,
            });
            await db.SaveChangesAsync(ct);
        }

        Changed?.Invoke(recipient);
        return await email.SendAsync(userEmail, message.Title, EmailBody(message), ct);
    }

    /// <summary>E-mail only, to an address that need not be a portal user (a schedule's notification addresses).</summary>
    public Task<bool> EmailAsync(string address, NotificationMessage message, CancellationToken ct = default) =>
        email.SendAsync(address, message.Title, EmailBody(message), ct);

    /// <summary>Notifies every enabled Admin.</summary>
    public async Task NotifyAdminsAsync(NotificationMessage message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admins = await (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == PortalRoles.Admin && !user.IsDisabled && user.Email != null
            select user.Email!).ToListAsync(ct);
        foreach (var admin in admins)
        {
            await NotifyAsync(admin, message, ct);
        }
    }

    /// <summary>The newest notifications of the signed-in user, and how many are unread.</summary>
    public async Task<NotificationInbox> InboxAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var recipient = Recipient(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == recipient);
        var latest = await mine.OrderByDescending(n => n.Id).Take(BellSize).ToListAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAtUtc == null, ct);
        return new NotificationInbox(latest, unread);
    }

    public async Task MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var recipient = Recipient(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Notifications.Where(n => n.Recipient == recipient && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        if (changed > 0)
        {
            Changed?.Invoke(recipient);
        }
    }

    /// <summary>The recipient key of a signed-in user, to compare with <see cref="Changed"/>.</summary>
    public static string Recipient(ClaimsPrincipal user) =>
        Normalize(user.Identity?.Name ?? throw new UnauthorizedAccessException("Notifications belong to a signed-in user."));

    private string EmailBody(NotificationMessage message)
    {
        var body = message.Message;
        var portal = emailOptions.Value.PortalUrl;
        if (message.Link is not null && !string.IsNullOrWhiteSpace(portal))
        {
            body += $"\n\nOpen in AdminPortal: {portal.TrimEnd('/')}{message.Link}";
        }

        return body + "\n\n-- \nAdminPortal. You receive this because of your role in the portal.";
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
