using AdminPortal.Web.Api.AuditLogs;
using AdminPortal.Web.Api.Integrations;
using AdminPortal.Web.Api.Ledger;
using AdminPortal.Web.Api.Runs;
using AdminPortal.Web.Api.Schedules;
using AdminPortal.Web.Api.Tokens;
using AdminPortal.Web.Api.Users;
using AdminPortal.Web.Api.Workbooks;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace AdminPortal.Web.Api;

public static class ApiEndpoints
{
    /// <summary>
    /// The REST API under /api/ (bearer API tokens, so no antiforgery: a token is not sent by a browser on its own), its
    /// OpenAPI document at /openapi/v1.json and the Scalar reference at /api/reference (both for signed-in users).
    /// </summary>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(PortalUrls.Api).DisableAntiforgery().AddEndpointFilter<ApiRefusalFilter>();
        api.MapIntegrations();
        api.MapWorkbooks();
        api.MapSchedules();
        api.MapRuns();
        api.MapUsers();
        api.MapApiTokens();
        api.MapAuditEvents();
        api.MapLedger();

        // The document and the reference page are read in a browser, with the portal's cookie (not a token).
        var signedIn = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme };
        endpoints.MapOpenApi(PortalUrls.OpenApiDocument).RequireAuthorization(signedIn);
        endpoints.MapScalarApiReference(PortalUrls.ApiReference, options => options
                .WithTitle("AdminPortal API")
                .WithOpenApiRoutePattern(PortalUrls.OpenApiDocument)
                // Within the portal's CSP (SecurityHeadersMiddleware): a per-response nonce for its inline script, and
                // nothing fetched from elsewhere (fonts, telemetry, the hosted agent).
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent())
            .RequireAuthorization(signedIn);
        return endpoints;
    }
}
