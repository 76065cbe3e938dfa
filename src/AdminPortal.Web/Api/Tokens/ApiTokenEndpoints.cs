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

        tokens.MapPost("", async (ClaimsPrincipal user, CreateApiToken create, CreateApiTokenCommand body, CancellationToken ct) =>
                ApiResults.Created(await create.HandleAsync(user, body, ct), "tokens", token => token.Id, token => token))
            .WithSummary("Creates a token of the caller; the answer is the only time its secret is shown")
            .WithRequestExample(new CreateApiTokenCommand("exportconfig-ci", [ApiScopes.ExportsWrite, ApiScopes.AuditRead], new DateTime(2027, 1, 31, 0, 0, 0, DateTimeKind.Utc)));

        tokens.MapDelete("/{id:int}", async (ClaimsPrincipal user, RevokeApiToken revoke, int id, CancellationToken ct) =>
                ApiResults.NoContent(await revoke.HandleAsync(user, id, ct)))
            .WithSummary("Revokes a token (the caller's own, or any for an Admin)");
        return api;
    }
}
