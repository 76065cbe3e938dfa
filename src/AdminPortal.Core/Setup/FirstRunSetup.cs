using System.Security.Cryptography;
using System.Text;
using AdminPortal.Core.Common;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Core.Setup;

/// <summary>
/// The first Admin: created once, on a setup page that needs the one-time token the portal prints at start,
/// and only while no user exists.
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, PortalAuditLog audit, IValidator<FirstAdminCommand> validator, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool completed;

    /// <summary>The token for this process's lifetime; null once a user exists.</summary>
    public string? Token { get; private set; }

    public async Task<bool> IsOpenAsync(CancellationToken ct = default)
    {
        if (completed)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var anyUser = await db.Users.AnyAsync(ct);
        if (anyUser)
        {
            completed = true;
            Token = null;
        }

        return !anyUser;
    }

    /// <summary>Called at start: issues a fresh token if setup is still open.</summary>
    public async Task<string?> IssueTokenAsync(CancellationToken ct = default)
    {
        if (!await IsOpenAsync(ct))
        {
            return null;
        }

        // 128 bits, typed by a person from a console: base32-like groups are easier than base64.
        var bytes = RandomNumberGenerator.GetBytes(16);
        Token = string.Join("-", Convert.ToHexString(bytes).Chunk(8).Select(c => new string(c)));
        return Token;
    }

    /// <summary>
    /// Creates the first Admin. Every problem of the form is reported at once (the fields' rules, a wrong token, a
    /// password Identity refuses), so a person fixes them in one go rather than one per submission.
    /// </summary>
    public async Task<Result> CompleteAsync(FirstAdminCommand command, string? ipAddress, CancellationToken ct = default)
    {
        command.Email = command.Email?.Trim() ?? "";
        var validation = await validator.ValidateAsync(command, ct);
        var errors = validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();

        await gate.WaitAsync(ct);
        try
        {
            if (!await IsOpenAsync(ct))
            {
                return Result.Fail("", "Setup is already complete. Sign in instead.");
            }

            if (command.SetupToken.Trim().Length > 0 && (Token is null || !FixedTimeEquals(Token, command.SetupToken.Trim())))
            {
                await audit.WriteAsync(SecurityEventKind.SetupCompleted, false, command.Email, command.Email, ipAddress, "Wrong setup token", ct);
                errors.Add(("SetupToken", "That setup token is not the one the portal printed at start."));
            }

            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (command.Password.Length > 0)
            {
                var candidate = new PortalUser { UserName = command.Email, Email = command.Email };
                errors.AddRange(await UserAdministration.PasswordErrorsAsync(users, candidate, command.Password));
            }

            if (errors.Count > 0)
            {
                return Result.Fail(errors);
            }

            var result = await UserAdministration.CreateUserAsync(users, command.Email, command.Password, PortalRoles.Admin, clock);
            if (!result.Succeeded)
            {
                return result;
            }

            completed = true;
            Token = null;
            await audit.WriteAsync(SecurityEventKind.SetupCompleted, true, command.Email, command.Email, ipAddress, "First Admin created on the setup page", ct);
            return Result.Success;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates the first Admin from settings (Bootstrap__AdminEmail / Bootstrap__AdminPassword), for automation.</summary>
    public async Task<Result> BootstrapAsync(string email, string password, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (!await IsOpenAsync(ct))
            {
                return Result.Success;
            }

            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var result = await UserAdministration.CreateUserAsync(users, email.Trim(), password, PortalRoles.Admin, clock);
            if (result.Succeeded)
            {
                completed = true;
                Token = null;
                await audit.WriteAsync(SecurityEventKind.SetupCompleted, true, email, email, null, "First Admin created from Bootstrap settings", ct);
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expected.ToUpperInvariant()),
            Encoding.UTF8.GetBytes(given.ToUpperInvariant()));
}
