using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AdminPortal.Web.Api;

/// <summary>
/// A 403 that names the scope the token lacks ("This token lacks the scope exports:write."), as problem details; every
/// other outcome is ASP.NET's default (the schemes' own challenge and forbid).
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ApiScopeRequirement>().FirstOrDefault() is { } missing)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden.", $"This token lacks the scope {missing.Scope}.");
        }

        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
