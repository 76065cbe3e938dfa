using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AdminPortal.Core.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Api;

/// <summary>
/// <c>Authorization: Bearer apt_…</c> for <c>/api/</c>. The principal is the token's user (id and e-mail, no security
/// stamp, so the use cases' database role checks apply as for a cookie) with one <c>scope</c> claim per effective scope.
/// Only endpoints whose policy names this scheme run it: a token never opens a page, and the cookie never opens the API.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateApiToken authenticate,
    IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The id of the token a request came with (the ingestion rate limit's partition).</summary>
    public const string TokenIdClaim = "api_token_id";

    private const string MissingToken = "Send an API token: Authorization: Bearer apt_… (create one on the API tokens page).";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header["Bearer ".Length..].Trim();
        var result = await authenticate.HandleAsync(presented, Context.RequestAborted);
        if (result.Rejection is { } rejection)
        {
            // A forgotten script with a revoked token, or someone probing: visible in the log, by the part of the token that
            // tells tokens apart (what the API tokens page shows), never the rest.
            var reason = AuthenticateApiToken.Describe(rejection);
            Logger.LogWarning("API token {TokenPrefix} refused for {Method} {Path}: {Reason}", Shown(presented), Request.Method, Request.Path.Value, reason);
            return AuthenticateResult.Fail(reason);
        }

        var claimTypes = identity.Value.ClaimsIdentity;
        var claims = new List<Claim> { new(TokenIdClaim, result.TokenId.ToString(CultureInfo.InvariantCulture)) };
        if (result.User is { } user)
        {
            claims.Add(new Claim(claimTypes.UserIdClaimType, user.Id));
            claims.Add(new Claim(claimTypes.UserNameClaimType, user.Email ?? ""));
        }

        claims.AddRange(result.Scopes.Select(scope => new Claim(ApiScopes.ClaimType, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, claimTypes.UserNameClaimType, claimTypes.RoleClaimType));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string Shown(string presented) =>
        ApiTokenSecret.IsWellFormed(presented) && presented.Length > ApiTokenSecret.ShownLength
            ? ApiTokenSecret.PrefixOf(presented) + "…"
            : "(not an AdminPortal token)";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        // RFC 6750: a presented token that was refused is "invalid_token"; no token at all gets the bare challenge.
        Response.Headers.WWWAuthenticate = outcome.Failure is null ? "Bearer realm=\"AdminPortal\"" : "Bearer realm=\"AdminPortal\", error=\"invalid_token\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "A valid API token is required.",
            outcome.Failure?.Message ?? MissingToken);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden.", "This token may not do this.");
}
