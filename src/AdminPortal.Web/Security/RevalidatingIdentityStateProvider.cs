using System.Security.Claims;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AdminPortal.Web.Security;

/// <summary>
/// A circuit's user, re-checked against the database before every circuit action (<see cref="SessionCircuitHandler"/>)
/// and every minute while idle: once the user signed out anywhere, was disabled or had a role changed, the circuit is
/// signed out for good, as the cookie check does for new requests.
/// </summary>
public sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, UserSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly Task<AuthenticationState> SignedOut =
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    // Set once and never cleared: components may keep the principal they read, so an ended circuit stays ended.
    private int ended;

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>False once this circuit's session has ended; signs the circuit out the first time it finds so.</summary>
    public async Task<bool> IsSessionCurrentAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref ended) == 1)
        {
            return false;
        }

        var state = await GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true || await sessions.IsCurrentAsync(state.User, ct))
        {
            return true;
        }

        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            SetAuthenticationState(SignedOut);
        }

        return false;
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var valid = false;
        try
        {
            valid = await sessions.IsCurrentAsync(state.User, ct);
            return valid;
        }
        finally
        {
            // The base class signs the circuit out on false and on an exception alike.
            if (!valid)
            {
                Volatile.Write(ref ended, 1);
            }
        }
    }
}
