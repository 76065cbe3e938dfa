using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api.Users;

/// <summary>/api/users: the Users page (scope admin; the use cases let Admins only).</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.ApiScope(ApiScopes.Admin));

        group.MapGet("", async (ClaimsPrincipal user, UserAdministration users, CancellationToken ct) =>
                TypedResults.Ok(await users.ListAsync(user, ct)))
            .WithSummary("List the users with their role, state and last sign-in");

        group.MapPost("", async (ClaimsPrincipal user, CreateUserCommand command, UserAdministration users, CancellationToken ct) =>
                ApiResults.Created(await users.CreateAsync(user, command, ct), "users", id => id, id => new CreatedUserResponse(id)))
            .WithSummary("Add a user with a role and an initial password")
            .Produces<CreatedUserResponse>(StatusCodes.Status201Created)
            .WithRequestExample(new CreateUserCommand { Email = "auditor@example.com", Role = PortalRoles.Auditor, Password = "Initial-Passw0rd-42" });

        group.MapPut("/{id}/role", async (ClaimsPrincipal user, string id, ChangeRoleRequest request, UserAdministration users, CancellationToken ct) =>
                ApiResults.NoContent(await users.ChangeRoleAsync(user, id, request.Role ?? "", ct)))
            .WithSummary("Change a user's role (their sessions end)")
            .WithRequestExample(new ChangeRoleRequest(PortalRoles.Admin));

        group.MapPost("/{id}/disable", async (ClaimsPrincipal user, string id, UserAdministration users, CancellationToken ct) =>
                ApiResults.NoContent(await users.SetDisabledAsync(user, id, disabled: true, ct)))
            .WithSummary("Disable a user (their sessions and tokens stop working)");

        group.MapPost("/{id}/enable", async (ClaimsPrincipal user, string id, UserAdministration users, CancellationToken ct) =>
                ApiResults.NoContent(await users.SetDisabledAsync(user, id, disabled: false, ct)))
            .WithSummary("Enable a disabled user");

        group.MapPost("/{id}/unlock", async (ClaimsPrincipal user, string id, UserAdministration users, CancellationToken ct) =>
                ApiResults.NoContent(await users.UnlockAsync(user, id, ct)))
            .WithSummary("End a user's sign-in lockout");
        return api;
    }
}
