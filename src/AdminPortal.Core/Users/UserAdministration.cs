using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Core.Users;

/// <summary>The Users page's use cases: list, create, change role, disable/enable, unlock. Admins only, checked here against the database.</summary>
public sealed class UserAdministration(
    IServiceScopeFactory scopes,
    UserSessions sessions,
    PortalAuditLog audit,
    IValidator<CreateUserCommand> createValidator,
    TimeProvider clock)
{
    private const string ManageUsers = "manage users";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var rows = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId into urs
            from ur in urs.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            orderby u.Email
            select new { u.Id, u.Email, Role = r != null ? r.Name : null, u.IsDisabled, u.LockoutEnd, u.CreatedAtUtc, u.LastSignInAtUtc })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows
            .GroupBy(r => r.Id)
            .Select(g => g.First())
            .Select(r => new UserSummary(r.Id, r.Email ?? "", r.Role ?? "", r.IsDisabled,
                r.LockoutEnd > now ? r.LockoutEnd : null, r.CreatedAtUtc, r.LastSignInAtUtc))
            .ToList();
    }

    /// <summary>A page of the users, sorted by the database (by e-mail when unsorted); their roles are read for that page only.</summary>
    public async Task<ListPage<UserSummary>> PageAsync(ClaimsPrincipal actor, ListQuery query, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var users = db.Users.AsNoTracking();
        var sorted = query.SortBy switch
        {
            nameof(UserSummary.LastSignInAtUtc) => query.Order(users, u => u.LastSignInAtUtc),
            nameof(UserSummary.CreatedAtUtc) => query.Order(users, u => u.CreatedAtUtc),
            _ => query.Order(users, u => u.NormalizedEmail),
        };
        var page = await sorted.ThenBy(u => u.Id).Skip(query.SafeSkip).Take(query.SafeTake)
            .Select(u => new { u.Id, u.Email, u.IsDisabled, u.LockoutEnd, u.CreatedAtUtc, u.LastSignInAtUtc })
            .ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (
            from ur in db.UserRoles
            where ids.Contains(ur.UserId)
            join r in db.Roles on ur.RoleId equals r.Id
            select new { ur.UserId, r.Name }).ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).Min() ?? "");
        var now = clock.GetUtcNow();
        var rows = page
            .Select(u => new UserSummary(u.Id, u.Email ?? "", roleOf.GetValueOrDefault(u.Id, ""), u.IsDisabled,
                u.LockoutEnd > now ? u.LockoutEnd : null, u.CreatedAtUtc, u.LastSignInAtUtc))
            .ToList();
        return new ListPage<UserSummary>(rows, await users.CountAsync(ct));
    }

    /// <summary>Adds a user; the value is the new user's id.</summary>
    public async Task<Result<string>> CreateAsync(ClaimsPrincipal actor, CreateUserCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        command.Email = command.Email?.Trim() ?? "";
        var validation = await createValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return Result<string>.Fail(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = command.Email.Trim();
        var result = await CreateUserAsync(users, email, command.Password, command.Role, clock);
        if (!result.Succeeded)
        {
            return result;
        }

        await audit.WriteAsync(SecurityEventKind.UserCreated, true, actor.ActorName(), email, null, $"Role {command.Role}", ct);
        return result;
    }

    public async Task<Result> ChangeRoleAsync(ClaimsPrincipal actor, string userId, string role, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        if (!PortalRoles.IsKnown(role))
        {
            return Result.Fail("Role", "Choose a role: Admin or Auditor.");
        }

        return await ChangeUserAsync(userId, async (users, user) =>
        {
            var current = (await users.GetRolesAsync(user)).ToList();
            if (current.Count == 1 && current[0] == role)
            {
                return Result.Success;
            }

            if (current.Contains(PortalRoles.Admin) && role != PortalRoles.Admin && !user.IsDisabled
                && await CountActiveAdminsAsync(users) <= 1)
            {
                return Result.Fail("Role", "This is the last active Admin; make another user Admin first.");
            }

            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
            // A new stamp ends the user's sessions (cookies and open pages): the next sign-in carries the new role.
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(SecurityEventKind.RoleChanged, true, actor.ActorName(), user.Email,
                null, $"{string.Join(",", current)} -> {role}", ct);
            return Result.Success;
        });
    }

    public async Task<Result> SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        return await ChangeUserAsync(userId, async (users, user) =>
        {
            if (user.IsDisabled == disabled)
            {
                return Result.Success;
            }

            if (disabled && await users.IsInRoleAsync(user, PortalRoles.Admin) && await CountActiveAdminsAsync(users) <= 1)
            {
                return Result.Fail("", "This is the last active Admin and cannot be disabled.");
            }

            user.IsDisabled = disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(disabled ? SecurityEventKind.UserDisabled : SecurityEventKind.UserEnabled,
                true, actor.ActorName(), user.Email, null, null, ct);
            return Result.Success;
        });
    }

    /// <summary>Ends a lockout now (someone else's failed attempts may have locked the user out) and clears the failure count.</summary>
    public async Task<Result> UnlockAsync(ClaimsPrincipal actor, string userId, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageUsers, ct);
        return await ChangeUserAsync(userId, async (users, user) =>
        {
            var lockedUntil = user.LockoutEnd;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(SecurityEventKind.UserUnlocked, true, actor.ActorName(), user.Email, null,
                lockedUntil > clock.GetUtcNow() ? $"Was locked until {lockedUntil:u}" : "Was not locked", ct);
            return Result.Success;
        });
    }

    /// <summary>Loads the user in a scope of its own (the service outlives requests) and applies the change.</summary>
    private async Task<Result> ChangeUserAsync(string userId, Func<UserManager<PortalUser>, PortalUser, Task<Result>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        return user is null ? Result.NotFound("That user no longer exists.") : await change(users, user);
    }

    /// <summary>Creates a user with one role, turning Identity's errors into messages for the form's fields; the value is its id.</summary>
    internal static async Task<Result<string>> CreateUserAsync(
        UserManager<PortalUser> users, string email, string password, string role, TimeProvider clock)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Result<string>.Fail("Email", "A user with this e-mail address already exists.");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            LockoutEnabled = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };

        // Check the password before anything is written, so a weak one leaves no user behind.
        var passwordErrors = await PasswordErrorsAsync(users, user, password);
        if (passwordErrors.Count > 0)
        {
            return Result<string>.Fail(passwordErrors);
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Result<string>.Fail(created.Errors.Select(e => (FieldOf(e.Code), e.Description)));
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return Result<string>.Fail(added.Errors.Select(e => ("Role", e.Description)));
        }

        return Result.Ok(user.Id);
    }

    /// <summary>What Identity's password rules say of <paramref name="password"/> for <paramref name="user"/>, as messages for the Password field.</summary>
    internal static async Task<List<(string Field, string Message)>> PasswordErrorsAsync(UserManager<PortalUser> users, PortalUser user, string password)
    {
        var errors = new List<(string, string)>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            errors.AddRange(check.Errors.Select(e => ("Password", e.Description)));
        }

        return errors;
    }

    private static string FieldOf(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.StartsWith("Password", StringComparison.Ordinal) => "Password",
        _ when identityErrorCode.Contains("Email", StringComparison.Ordinal) => "Email",
        _ when identityErrorCode.Contains("UserName", StringComparison.Ordinal) => "Email",
        _ => "",
    };

    private static async Task<int> CountActiveAdminsAsync(UserManager<PortalUser> users) =>
        (await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count(u => !u.IsDisabled);

}
