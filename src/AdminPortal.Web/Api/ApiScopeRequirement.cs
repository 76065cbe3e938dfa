using AdminPortal.Core.ApiTokens;
using Microsoft.AspNetCore.Authorization;

namespace AdminPortal.Web.Api;

/// <summary>The request's token holds <see cref="Scope"/> (or admin, which implies every scope).</summary>
public sealed class ApiScopeRequirement(string scope) : AuthorizationHandler<ApiScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        if (ApiScopes.Grants(context.User.FindAll(ApiScopes.ClaimType).Select(c => c.Value), requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
