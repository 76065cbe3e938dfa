using System.Security.Claims;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Common;

namespace AdminPortal.Web.Api.Tokens;

/// <summary>GET/POST/DELETE /api/tokens: the token use cases of the API tokens page, for a token holding admin.</summary>
public static class ApiTokenEndpoints
{
    public const string Path = "/api/tokens";

    public static IEndpointRouteBuilder MapApiTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup(Path).RequireAuthorization(Policies.ApiScope(ApiScopes.Admin)).DisableAntiforgery().WithTags("Tokens");

        tokens.MapGet("", async (ClaimsPrincipal user, ListApiTokens list, bool? all, CancellationToken ct) =>
            Results.Ok(await list.HandleAsync(user, all == true, ct)))
            .WithSummary("The caller's API tokens (all=true: everyone's, for an Admin)");

        tokens.MapPost("", async (ClaimsPrincipal user, CreateApiToken create, CreateApiTokenCommand body, CancellationToken ct) =>
        {
            var result = await create.HandleAsync(user, body, ct);
            return result.Succeeded
                ? Results.Created($"{Path}/{result.Value!.Id}", result.Value)
                : Invalid(result);
        }).WithSummary("Creates a token of the caller; the answer is the only time its secret is shown");

        tokens.MapDelete("/{id:int}", async (ClaimsPrincipal user, RevokeApiToken revoke, int id, CancellationToken ct) =>
        {
            var result = await revoke.HandleAsync(user, id, ct);
            if (result.Succeeded)
            {
                return Results.NoContent();
            }

            return result.AllMessages.Contains(ApiTokenRules.NotFound)
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: ApiTokenRules.NotFound)
                : Invalid(result);
        }).WithSummary("Revokes a token (the caller's own, or any for an Admin)");
        return endpoints;
    }

    /// <summary>400 with the use case's messages by field, the field names as the JSON body spells them.</summary>
    private static IResult Invalid(Result result) => Results.ValidationProblem(
        result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value),
        title: "One or more fields are invalid.");
}
