using System.Globalization;
using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api.Tokens;

/// <summary>GET/POST/DELETE /api/tokens: the token use cases of the API tokens page, for a token holding admin.</summary>
public static class ApiTokenEndpoints
{
    public static RouteGroupBuilder MapApiTokens(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.ApiScope(ApiScopes.Admin)).WithTags("Tokens");

        tokens.MapGet("", async (ClaimsPrincipal user, ListApiTokens list, bool? all, CancellationToken ct) =>
            Results.Ok(await list.HandleAsync(user, all == true, ct)))
            .WithSummary("The caller's API tokens (all=true: everyone's, for an Admin)");

        tokens.MapPost("", async (ClaimsPrincipal user, CreateApiToken create, ListApiTokens list, CreateApiTokenCommand body, CancellationToken ct) =>
            {
                // A token made with an expiring token expires no later than it: a stolen token cannot leave a lasting one behind.
                if (await ExpiryOfCallerAsync(user, list, ct) is { } limit && (body.ExpiresAtUtc is not { } asked || ApiTokenRules.AsUtc(asked) > limit))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["expiresAtUtc"] = [$"A token created with an expiring token expires no later than it: at {limit:yyyy-MM-dd HH:mm} UTC at the latest."],
                    }, title: ApiResults.ValidationTitle);
                }

                return ApiResults.Created(await create.HandleAsync(user, body, ct), "tokens", token => token.Id, token => token);
            })
            .WithSummary("Creates a token of the caller (expiring no later than the calling token); the answer is the only time its secret is shown")
            .WithRequestExample(new CreateApiTokenCommand("exportconfig-ci", [ApiScopes.ExportsWrite, ApiScopes.AuditRead], new DateTime(2027, 1, 31, 0, 0, 0, DateTimeKind.Utc)));

        tokens.MapDelete("/{id:int}", async (ClaimsPrincipal user, RevokeApiToken revoke, int id, CancellationToken ct) =>
                ApiResults.NoContent(await revoke.HandleAsync(user, id, ct)))
            .WithSummary("Revokes a token (the caller's own, or any for an Admin)");
        return api;
    }

    private static async Task<DateTime?> ExpiryOfCallerAsync(ClaimsPrincipal user, ListApiTokens list, CancellationToken ct)
    {
        var id = user.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value;
        return id is null ? null : (await list.HandleAsync(user, everyone: false, ct)).FirstOrDefault(t => t.Id.ToString(CultureInfo.InvariantCulture) == id)?.ExpiresAtUtc;
    }
}
