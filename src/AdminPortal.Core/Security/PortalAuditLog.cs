using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Security;

/// <summary>The portal audits itself: every sign-in, user change and admin action becomes an event of family "adminportal".</summary>
public sealed class PortalAuditLog(AuditEventWriter writer, TimeProvider clock)
{
    public const string Family = "adminportal";

    public async Task WriteAsync(PortalAuditEntry entry, CancellationToken cancellationToken = default) =>
        await writer.StoreAsync([ToEvent(entry)], cancellationToken);

    /// <summary>A transaction of the audit store that a change of the caller's can share (<see cref="IAuditWriteSession.Transaction"/>).</summary>
    public Task<IAuditWriteSession> BeginAsync(CancellationToken cancellationToken = default) => writer.BeginAsync(cancellationToken);

    /// <summary>Writes the entry inside <paramref name="session"/>: it is stored when the session commits, with the caller's change.</summary>
    public Task WriteAsync(IAuditWriteSession session, PortalAuditEntry entry, CancellationToken cancellationToken = default) =>
        session.WriteAsync([ToEvent(entry)], cancellationToken);

    private AuditEvent ToEvent(PortalAuditEntry entry)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var details = entry.Details is { Length: > 2000 } ? entry.Details[..2000] : entry.Details;
        return new AuditEvent
        {
            EventId = "adminportal-" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            EventTimeUtc = now,
            IngestedAtUtc = now,
            Datasource = Family,
            Family = Family,
            Login = string.IsNullOrEmpty(entry.Actor) ? "anonymous" : NoNul(entry.Actor),
            Repository = Family,
            Category = NoNul(entry.Category),
            Code = NoNul(entry.Code),
            CodeLabel = NoNul(entry.Label),
            Action = NoNul(entry.Action),
            Status = entry.Success ? AuditEventStatus.Success : AuditEventStatus.Fail,
            Count = 1,
            WhereSource = NoNul(entry.IpAddress),
            TargetType = entry.TargetType,
            TargetName = NoNul(entry.TargetName),
            OldValue = NoNul(entry.OldValue),
            NewValue = NoNul(entry.NewValue),
            Payload = NoNul(details),
            RawJson = JsonSerializer.Serialize(entry),
        };
    }

    // What a person typed (the email of a failed sign-in, a token or schedule name) may hold U+0000, which PostgreSQL
    // refuses in text (22021): the event would be lost. It becomes U+FFFD rather than vanishing, so that "admin\0" is
    // not recorded as "admin"; RawJson keeps the entry as given, the NUL written as its JSON escape.
    [return: NotNullIfNotNull(nameof(text))]
    private static string? NoNul(string? text) => text?.Replace('\0', '\uFFFD');

    /// <summary>Access events (sign-in, lockout, user changes): the target is the user concerned.</summary>
    public Task WriteAsync(
        SecurityEventKind kind,
        bool success,
        string? actorEmail,
        string? subjectEmail,
        string? ipAddress,
        string? details,
        CancellationToken cancellationToken = default) =>
        WriteAsync(new PortalAuditEntry(
            kind.ToString(), Label(kind), Action(kind), "security", actorEmail, success,
            subjectEmail is null ? null : AuditTargetType.Account, subjectEmail, ipAddress, details), cancellationToken);

    private static string Label(SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.SetupCompleted => "First-run setup",
        SecurityEventKind.SignIn => "Sign-in",
        SecurityEventKind.SignInFailed => "Failed sign-in",
        SecurityEventKind.LockedOut => "Account locked out",
        SecurityEventKind.SignOut => "Sign-out",
        SecurityEventKind.UserCreated => "User created",
        SecurityEventKind.RoleChanged => "Role changed",
        SecurityEventKind.UserDisabled => "User disabled",
        SecurityEventKind.UserEnabled => "User enabled",
        SecurityEventKind.UserUnlocked => "User unlocked",
        SecurityEventKind.IngestionTokenCreated => "Ingestion token created",
        SecurityEventKind.IngestionTokenRevoked => "Ingestion token revoked",
        SecurityEventKind.ApiTokenCreated => "API token created",
        SecurityEventKind.ApiTokenRevoked => "API token revoked",
        _ => kind.ToString(),
    };

    private static string Action(SecurityEventKind kind) => kind switch
    {
        SecurityEventKind.SignIn or SecurityEventKind.SignInFailed or SecurityEventKind.LockedOut => "signin",
        SecurityEventKind.SignOut => "signout",
        SecurityEventKind.SetupCompleted or SecurityEventKind.UserCreated or SecurityEventKind.IngestionTokenCreated or SecurityEventKind.ApiTokenCreated => "create",
        SecurityEventKind.IngestionTokenRevoked or SecurityEventKind.ApiTokenRevoked => "revoke",
        _ => "update",
    };
}
