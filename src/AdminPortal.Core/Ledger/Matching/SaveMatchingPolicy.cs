using System.Security.Claims;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>An Admin creates a matching policy, or replaces the rules of the one of that name. Audited.</summary>
public sealed class SaveMatchingPolicy(
    UserSessions sessions, IDbContextFactory<PortalDbContext> contexts, IValidator<SaveMatchingPolicyCommand> validator, PortalAuditLog audit)
{
    public async Task<Result<MatchingPolicy>> HandleAsync(ClaimsPrincipal actor, SaveMatchingPolicyCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "edit matching policies", ct);
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return Result<MatchingPolicy>.Fail(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = command.Name.Trim();
        var policy = await db.MatchingPolicies.Include(p => p.Rules).FirstOrDefaultAsync(p => p.Name == name, ct);
        var created = policy is null;
        if (policy is null)
        {
            policy = new MatchingPolicy { Name = name };
            db.MatchingPolicies.Add(policy);
        }
        else
        {
            // The old rules go first: the new ones take their positions (unique per policy).
            db.RemoveRange(policy.Rules);
            policy.Rules.Clear();
            await db.SaveChangesAsync(ct);
        }

        policy.Description = command.Description;
        policy.Rules.AddRange(command.Rules.Select((r, i) => new MatchingRule
        {
            Position = i,
            EntityType = r.EntityType,
            ActorKind = r.ActorKind,
            Comparison = r.Comparison,
            Attribute = r.Attribute,
            Pattern = r.Pattern,
            CompareParent = r.CompareParent,
            Display = r.Display,
        }));
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(new PortalAuditEntry(created ? "MatchingPolicyCreated" : "MatchingPolicyEdited",
            created ? "Matching policy created" : "Matching policy edited", created ? "create" : "update", "ledger", actor.ActorName(), true,
            AuditTargetType.Perimeter, policy.Name, Details: $"{policy.Rules.Count} rule(s)"), ct);
        return Result.Ok(policy);
    }
}
